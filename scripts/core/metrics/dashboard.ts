/**
 * The internal PSIRT dashboard: one static HTML page with the metrics tables, the SVG charts (as
 * <img> files beside it), the full incident list and links to the internal VEX documents. Pure.
 *
 * Incident text is untrusted (anyone who can open a pull request writes it), so every value is
 * HTML-escaped, and the page forbids scripts, frames and every external request by its
 * Content-Security-Policy: it loads only its own images and its own (hashed) style sheet.
 */
import { createHash } from "node:crypto";
import { INCIDENT_STATES } from "../../../schemas/incident.ts";
import { advisoryPageUrl } from "../csaf/urls.ts";
import { escapeHtml } from "../html.ts";
import type { Model } from "../load/repository.ts";
import { publication } from "../publish/select.ts";
import type { Chart } from "./charts.ts";
import { AGE_BUCKETS, type PsirtMetrics, SEVERITY_ROWS } from "./compute.ts";
import { DURATION_KINDS, type IncidentFacts, METRIC_SEVERITIES, SOURCE_TYPES } from "./incident-facts.ts";
import { fmtDays, fmtSummary, KIND_LABEL, SEVERITY_LABEL, slaCell } from "./present.ts";

const CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 75rem; padding: 0 1rem 3rem; color: #1a1a1a; background: #fff; }
.banner { background: #8b0000; color: #fff; padding: .5rem 1rem; margin: 0 -1rem 1rem; font-weight: bold; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.tiles { display: flex; gap: 1rem; flex-wrap: wrap; } .tile { border: 1px solid #bbb; padding: .5rem 1rem; min-width: 9rem; }
.tile strong { display: block; font-size: 1.6rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; } img { max-width: 100%; height: auto; border: 1px solid #ddd; }
.breach { color: #8b0000; font-weight: bold; } .muted { color: #555; }
a { color: #0b4f8a; }
`.trim();

const cspHash = `sha256-${createHash("sha256").update(CSS, "utf8").digest("base64")}`;

const td = (text: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${escapeHtml(text)}</td>`;
const th = (text: string, scope = "col") => `<th scope="${scope}">${escapeHtml(text)}</th>`;

function table(caption: string, header: readonly string[], rows: readonly string[][]): string {
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${header.map((h) => th(h)).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join("")}</tr>`)
    .join("")}</tbody></table>`;
}

function countTable(caption: string, label: string, entries: readonly [string, number][]): string {
  return table(
    caption,
    [label, "incidents"],
    entries.map(([k, n]) => [th(k, "row"), td(String(n), "num")]),
  );
}

/** The advisory cell: a link to the public page when the advisory is published, else why not. */
function advisoryCell(model: Model, facts: IncidentFacts, now: Date): string {
  if (!facts.advisory) return td("–");
  const adv = model.advisories.find((a) => a.data.id === facts.advisory);
  if (!adv) return td(`${facts.advisory} (no such advisory)`);
  const p = publication(adv, model.vendor?.data, now);
  if (p.published && model.vendor) {
    const url = advisoryPageUrl(model.vendor.data.site.url, adv.data.id);
    return `<td><a href="${escapeHtml(url)}">${escapeHtml(adv.data.id)}</a> <span class="muted">(${escapeHtml(adv.data.status)})</span></td>`;
  }
  return `<td>${escapeHtml(adv.data.id)} <span class="muted">(not public: ${escapeHtml(p.published ? "" : p.detail)})</span></td>`;
}

export interface DashboardInput {
  model: Model;
  metrics: PsirtMetrics;
  now: Date;
  /** Charts, written as `charts/<file>` beside the page. */
  charts: readonly Chart[];
  /** Paths of the internal VEX documents, relative to the page. */
  vexFiles: readonly string[];
}

export function dashboardHtml(input: DashboardInput): string {
  const { model, metrics: m, now, charts, vexFiles } = input;
  const vendor = model.vendor?.data.name ?? "PSIRT";
  const breachesOf = (id: string) => m.breaches.filter((b) => b.incident === id);
  const s: string[] = [];

  s.push(
    `<section aria-labelledby="summary"><h2 id="summary">Summary</h2><div class="tiles">${[
      ["incidents", m.total],
      ["open", m.open],
      ["SLA breaches", m.breaches.length],
      ["incidents with a breach", new Set(m.breaches.map((b) => b.incident)).size],
    ]
      .map(([label, n]) => `<div class="tile"><strong>${n}</strong>${escapeHtml(String(label))}</div>`)
      .join("")}</div></section>`,
  );
  s.push(
    `<section aria-labelledby="charts"><h2 id="charts">Charts</h2><div class="charts">${charts
      .map(
        (c) =>
          `<figure><img src="charts/${escapeHtml(c.file)}" width="560" height="300" alt="${escapeHtml(c.alt)}"><figcaption>${escapeHtml(c.title)}</figcaption></figure>`,
      )
      .join("")}</div></section>`,
  );
  s.push(
    `<section aria-labelledby="counts"><h2 id="counts">Incidents by state, source and severity</h2>${countTable(
      "By state",
      "state",
      INCIDENT_STATES.map((x) => [x, m.byState[x]]),
    )}${countTable(
      "By source",
      "source",
      SOURCE_TYPES.map((x) => [x, m.bySource[x]]),
    )}${countTable(
      "By severity",
      "severity",
      METRIC_SEVERITIES.map((x) => [SEVERITY_LABEL[x], m.bySeverity[x]]),
    )}</section>`,
  );
  s.push(
    `<section aria-labelledby="times"><h2 id="times">Days from receipt</h2><p>Median / 90th percentile (nearest rank); n = incidents measured.</p>${table(
      "Days from receipt to triage, fix and disclosure",
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((row) => [
        th(SEVERITY_LABEL[row], "row"),
        ...DURATION_KINDS.map((k) => td(fmtSummary(m.times[row][k]), "num")),
      ]),
    )}</section>`,
  );
  s.push(
    `<section aria-labelledby="sla"><h2 id="sla">SLA targets and breaches</h2>${table(
      "Target (days): breaches",
      ["severity", ...DURATION_KINDS.map((k) => KIND_LABEL[k])],
      SEVERITY_ROWS.map((row) => [
        th(SEVERITY_LABEL[row], "row"),
        ...DURATION_KINDS.map((k) => td(slaCell(m, row, k), "num")),
      ]),
    )}${
      m.breaches.length === 0
        ? "<p>No breaches.</p>"
        : table(
            "Breaches",
            ["incident", "severity", "measure", "days", "target", "status"],
            m.breaches.map((b) => [
              td(b.incident),
              td(SEVERITY_LABEL[b.severity]),
              td(KIND_LABEL[b.kind]),
              td(fmtDays(b.days), "num"),
              td(String(b.targetDays), "num"),
              td(b.status === "late" ? "late" : "overdue (still open)"),
            ]),
          )
    }</section>`,
  );
  s.push(
    `<section aria-labelledby="age"><h2 id="age">Open incidents by age</h2>${countTable(
      "Open incidents by days since receipt",
      "age",
      AGE_BUCKETS.map((b) => [b.label, m.openByAge[b.key]]),
    )}</section>`,
  );
  s.push(
    `<section aria-labelledby="incidents"><h2 id="incidents">Incidents</h2>${table(
      "Every incident, oldest first",
      ["id", "title", "state", "severity", "source", "received", "age (days, open)", "advisory", "SLA"],
      m.incidents.map((f) => {
        const bs = breachesOf(f.id);
        return [
          th(f.id, "row"),
          td(f.title),
          td(f.resolution ? `${f.state} (${f.resolution})` : f.state),
          td(SEVERITY_LABEL[f.severity] + (f.severityFrom === "cvss" ? " (from CVSS)" : "")),
          td(f.source),
          td(f.received),
          td(f.open ? fmtDays(f.ageDays) : "–", "num"),
          advisoryCell(model, f, now),
          bs.length === 0
            ? td("ok")
            : `<td class="breach">${escapeHtml(bs.map((b) => `${KIND_LABEL[b.kind]} ${b.status}`).join("; "))}</td>`,
        ];
      }),
    )}</section>`,
  );
  s.push(
    `<section aria-labelledby="vex"><h2 id="vex">Internal VEX (CycloneDX 1.6)</h2><p>Complete analysis state of every product version, from the incidents. Confidential.</p><ul>${vexFiles
      .map((f) => `<li><a href="${escapeHtml(f)}">${escapeHtml(f)}</a></li>`)
      .join("")}</ul></section>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src '${cspHash}'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(`${vendor} PSIRT dashboard (internal)`)}</title>
<style>${CSS}</style>
</head>
<body>
<p class="banner" role="note">INTERNAL: confidential incident data. Never publish this folder.</p>
<header><h1>${escapeHtml(`${vendor} PSIRT dashboard`)}</h1><p>Data as of ${escapeHtml(now.toISOString().slice(0, 10))}${m.since ? `, incidents received since ${escapeHtml(m.since)}` : ""}.</p></header>
<main>
${s.join("\n")}
</main>
</body>
</html>
`;
}

export { escapeHtml };
