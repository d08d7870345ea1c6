/**
 * The customer "tech news flash" of a published advisory, as plain text and HTML: what happened,
 * who is affected (products and versions), what to do, the link to the advisory, severity, and
 * credit where the reporter consented. Every value from the data is escaped in the HTML. The same
 * renderer, with an embargo marking, gives the pre-notification (prenotify.ts). Pure.
 */

import { escapeHtml } from "../html.ts";
import type { NoticeContent, ProductRow } from "./content.ts";

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/** A banner shown above and below the notice (pre-notifications). */
export interface Marking {
  /** One line, e.g. `EMBARGOED until 2027-10-15 — do not distribute`. */
  headline: string;
  /** Further sentences under the headline. */
  lines: string[];
}

const list = (values: readonly string[]) => (values.length > 0 ? values.join(", ") : "—");

function columns(rows: readonly ProductRow[]): { title: string; cell: (r: ProductRow) => string }[] {
  const cols = [
    { title: "Product", cell: (r: ProductRow) => r.name },
    { title: "Affected versions", cell: (r: ProductRow) => list(r.affected) },
    { title: "Fixed in", cell: (r: ProductRow) => list(r.fixed) },
    { title: "Not affected", cell: (r: ProductRow) => list(r.notAffected) },
  ];
  if (rows.some((r) => r.underInvestigation.length > 0))
    cols.push({ title: "Under investigation", cell: (r: ProductRow) => list(r.underInvestigation) });
  return cols;
}

/** The affected table as aligned plain text. */
export function productTableText(rows: readonly ProductRow[]): string {
  const cols = columns(rows);
  const cells = [cols.map((c) => c.title), ...rows.map((r) => cols.map((c) => c.cell(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

function productTableHtml(rows: readonly ProductRow[]): string {
  const cols = columns(rows);
  const th = cols.map(
    (c) =>
      `<th scope="col" style="text-align:left;border-bottom:1px solid #999;padding:4px 8px">${escapeHtml(c.title)}</th>`,
  );
  const body = rows.map(
    (r) =>
      `<tr>${cols.map((c, i) => (i === 0 ? `<th scope="row" style="text-align:left;padding:4px 8px">${escapeHtml(c.cell(r))}</th>` : `<td style="padding:4px 8px">${escapeHtml(c.cell(r))}</td>`)).join("")}</tr>`,
  );
  return `<table style="border-collapse:collapse"><thead><tr>${th.join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`;
}

function severityText(c: NoticeContent): string {
  if (!c.severity) return "not scored";
  return `${c.severity}${c.score !== undefined ? ` (CVSS ${c.score.toFixed(1)})` : ""}`;
}

function releaseText(c: NoticeContent, marking: Marking | undefined): string {
  return marking
    ? `Planned release: ${c.embargoUntil ?? c.initialRelease} (revision ${c.revision.version})`
    : `Released: ${c.initialRelease} (revision ${c.revision.version} of ${c.revision.date})`;
}

function ackText(a: NoticeContent["acknowledgments"][number]): string {
  const who = [a.names.join(", "), a.organization].filter(Boolean).join(a.names.length > 0 ? " of " : "");
  return `${who}${a.summary ? ` for ${a.summary}` : ""}`;
}

/** Renders the notice; `marking` adds the embargo banner (pre-notification). */
export function renderNotice(c: NoticeContent, subject: string, marking?: Marking): RenderedNotice {
  const t: string[] = [];
  if (marking) t.push(`*** ${marking.headline} ***`, ...marking.lines, "");
  t.push(`${c.vendorName} security advisory ${c.id}`, c.title, "");
  t.push(`Severity: ${severityText(c)}`);
  t.push(releaseText(c, marking));
  t.push(`Advisory: ${c.url}`, "");
  t.push("WHAT HAPPENED", "", c.summary, "");
  for (const v of c.vulnerabilities)
    t.push(`- ${[v.id, v.title].filter(Boolean).join(": ")}${v.scores ? ` (${v.scores})` : ""}`);
  t.push("", "WHO IS AFFECTED", "", productTableText(c.products), "");
  t.push("WHAT TO DO", "");
  if (c.remediations.length === 0) t.push("See the advisory for guidance.");
  for (const r of c.remediations)
    t.push(`- ${r.label} (${r.products.join(", ")}): ${r.details}${r.url ? ` ${r.url}` : ""}`);
  if (c.workarounds) t.push("", "Workarounds:", "", c.workarounds.text);
  t.push("", `The full advisory, its CSAF document and revision history: ${c.url}`);
  if (c.acknowledgments.length > 0) {
    t.push("", "ACKNOWLEDGMENTS", "");
    for (const a of c.acknowledgments) t.push(`We thank ${ackText(a)}.`);
  }
  if (marking) t.push("", `*** ${marking.headline} ***`);
  t.push("", "-- ", `${c.vendorName} PSIRT <${c.contact}>`);

  const e = escapeHtml;
  const banner = marking
    ? `<div style="border:2px solid #b00;padding:8px;margin:8px 0"><p style="margin:0"><strong>${e(marking.headline)}</strong></p>${marking.lines.map((l) => `<p style="margin:4px 0 0">${e(l)}</p>`).join("")}</div>`
    : "";
  const h: string[] = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.4">',
    banner,
    `<p>${e(c.vendorName)} security advisory <strong>${e(c.id)}</strong></p>`,
    `<h1 style="font-size:1.3em">${e(c.title)}</h1>`,
    `<p>Severity: <strong>${e(severityText(c))}</strong><br>${e(releaseText(c, marking))}<br>Advisory: <a href="${e(c.url)}">${e(c.url)}</a></p>`,
    "<h2>What happened</h2>",
    `<p>${e(c.summary)}</p>`,
    `<ul>${c.vulnerabilities.map((v) => `<li>${e([v.id, v.title].filter(Boolean).join(": "))}${v.scores ? ` (${e(v.scores)})` : ""}</li>`).join("")}</ul>`,
    "<h2>Who is affected</h2>",
    productTableHtml(c.products),
    "<h2>What to do</h2>",
    c.remediations.length === 0
      ? "<p>See the advisory for guidance.</p>"
      : `<ul>${c.remediations.map((r) => `<li><strong>${e(r.label)}</strong> (${e(r.products.join(", "))}): ${e(r.details)}${r.url ? ` <a href="${e(r.url)}">${e(r.url)}</a>` : ""}</li>`).join("")}</ul>`,
    // renderBody's HTML is sanitized (hast-util-sanitize), so the workaround section is safe to embed
    c.workarounds ? `<h3>Workarounds</h3>${c.workarounds.html}` : "",
    `<p>The full advisory, its CSAF document and revision history: <a href="${e(c.url)}">${e(c.url)}</a></p>`,
    c.acknowledgments.length > 0
      ? `<h2>Acknowledgments</h2>${c.acknowledgments.map((a) => `<p>We thank ${e(ackText(a))}.</p>`).join("")}`
      : "",
    banner,
    `<p style="color:#555">-- <br>${e(c.vendorName)} PSIRT &lt;<a href="mailto:${e(c.contact)}">${e(c.contact)}</a>&gt;</p>`,
    "</body></html>",
  ];
  return { subject, text: `${t.join("\n")}\n`, html: `${h.filter(Boolean).join("\n")}\n` };
}

/** The news flash of a published advisory. */
export function newsMessage(c: NoticeContent): RenderedNotice {
  const severity = c.severity ? ` (${c.severity})` : "";
  return renderNotice(c, `[${c.vendorName} Security Advisory] ${c.id}: ${c.title}${severity}`);
}

export { escapeHtml };
