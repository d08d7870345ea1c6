/** What the site derives from the model (site/src/lib): publication, facets, product tables, CVSS labels, CSP. */
import { beforeAll, describe, expect, it } from "vitest";
import { V3_METRICS } from "../../scripts/core/cvss/v3.ts";
import { V4_METRICS } from "../../scripts/core/cvss/v4.ts";
import type { Model } from "../../scripts/core/load/repository.ts";
import { renderBody } from "../../scripts/core/mdx/render.ts";
import { bodyHtml } from "../../site/src/lib/body.ts";
import { contentSecurityPolicy } from "../../site/src/lib/csp.ts";
import { explainVector, metricValueName } from "../../site/src/lib/cvss-labels.ts";
import {
  deriveSiteData,
  productStatus,
  remediations,
  type SiteData,
  statusRows,
} from "../../site/src/lib/site-data.ts";
import { EXAMPLE, validateDir } from "../helpers/repo.ts";

const NOW = new Date("2026-11-23T00:00:00Z");
let model: Model;
let data: SiteData;

beforeAll(async () => {
  model = (await validateDir(EXAMPLE, NOW)).model;
  data = deriveSiteData(model, NOW);
});

describe("deriveSiteData (example repository)", () => {
  it("keeps only published advisories, newest first", () => {
    const ids = data.advisories.map((a) => a.id);
    for (const a of model.advisories) {
      const published =
        a.data.status !== "draft" &&
        a.data.tlp === "WHITE" &&
        !(a.data.embargo_until && a.data.embargo_until > "2026-11-23");
      expect(ids.includes(a.data.id), a.data.id).toBe(published);
    }
    const dates = data.advisories.map((a) => a.current.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("counts every facet value and lists every product", () => {
    const n = data.advisories.length;
    for (const group of [data.facets.severities, data.facets.years, data.facets.statuses]) {
      expect(group.reduce((s, f) => s + f.count, 0)).toBe(n);
    }
    expect(data.products.map((p) => p.id).sort()).toEqual([...model.products.keys()].sort());
    for (const f of data.facets.products) expect(data.advisoriesByProduct.get(f.value)?.length).toBe(f.count);
  });

  it("links the CSAF documents of the provider tree and the VEX document when something is not affected", () => {
    for (const a of data.advisories) {
      expect(a.csaf.json).toBe(`/.well-known/csaf/white/${a.initial.slice(0, 4)}/${a.id.toLowerCase()}.json`);
      expect(a.csaf.asc).toBe(`${a.csaf.json}.asc`);
      const notAffected = a.view.vulnerabilities.some((v) => v.knownNotAffected.length > 0);
      expect(a.vex?.json).toBe(notAffected ? a.csaf.json.replace(/\.json$/, "-vex.json") : undefined);
    }
  });

  it("maps CVEs to the advisories that publish them", () => {
    for (const [cve, entries] of data.cves) {
      for (const e of entries) expect(e.advisory.cves).toContain(cve);
    }
    expect(data.cves.size).toBe(new Set(data.advisories.flatMap((a) => a.cves)).size);
  });

  it("groups product status rows and names fixed versions for affected rows", () => {
    for (const a of data.advisories) {
      for (const v of a.view.vulnerabilities) {
        const rows = statusRows(v);
        const versions = (status: string) =>
          rows
            .filter((r) => r.status === status)
            .flatMap((r) => r.versions.map((x) => `${r.productId}@${x}`));
        expect(versions("affected").sort()).toEqual(
          [...new Set(v.knownAffected.map((r) => `${r.product}@${r.version}`))].sort(),
        );
        expect(versions("not_affected").sort()).toEqual(
          [...new Set(v.knownNotAffected.map((r) => `${r.product}@${r.version}`))].sort(),
        );
        for (const r of rows.filter((x) => x.status === "affected")) {
          expect(r.fixedIn).toEqual([
            ...new Set(v.fixed.filter((f) => f.product === r.productId).map((f) => f.version)),
          ]);
        }
        const order = rows.map((r) =>
          ["affected", "under_investigation", "fixed", "not_affected"].indexOf(r.status),
        );
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
      for (const p of a.products) {
        const s = productStatus(a.view, p.id);
        expect(
          s.affected.length + s.fixed.length + s.notAffected.length + s.underInvestigation.length,
        ).toBeGreaterThan(0);
      }
      const rem = remediations(a);
      const total = a.doc.data.vulnerabilities.reduce((n, v) => n + v.remediations.length, 0);
      expect(rem.reduce((n, r) => n + r.vulnerabilities.length, 0)).toBe(total);
    }
  });
});

describe("bodyHtml", () => {
  const samples = [
    "## Summary\n\nText with **bold**, `code`, a [link](https://example.com/a?b=1&c=2) and www.example.com.\n",
    "Paragraph\n\n    indented four spaces: MDX has no indented code\n\n```sh\nfenced\n```\n",
    "| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] task\n- item\n\n1. one\n2. two\n",
    "A [bad](javascript:alert(1)) link, ~~struck~~, a footnote[^1].\n\n[^1]: Note.\n\n> quote\n\n---\n\n### Deep\n",
    'With a component: <Callout type="warning">Update now.</Callout>\n',
    "Escaped \\{ brace and &lt; entity &amp; more.\n",
  ];

  it("renders exactly what renderBody renders, for the example bodies and edge cases", () => {
    for (const body of [...model.advisories.map((a) => a.body), ...samples])
      expect(bodyHtml(body)).toBe(renderBody(body).html);
  });
});

describe("explainVector", () => {
  it("names CVSS v3.1 metrics and values in specification order", () => {
    expect(
      explainVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/MAV:A").map(
        (l) => `${l.metric}=${l.value}`,
      ),
    ).toEqual([
      "Attack Vector=Network",
      "Attack Complexity=Low",
      "Privileges Required=None",
      "User Interaction=Required",
      "Scope=Changed",
      "Confidentiality=Low",
      "Integrity=Low",
      "Availability=None",
      "Exploit Code Maturity=Proof-of-Concept",
      "Modified Attack Vector=Adjacent Network",
    ]);
  });

  it("names CVSS v4.0 metrics and values", () => {
    const lines = explainVector(
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/S:P/AU:Y/R:I/U:Amber",
    );
    const byKey = Object.fromEntries(lines.map((l) => [l.key, l.value]));
    expect(byKey).toMatchObject({
      AT: "Present",
      UI: "Active",
      VC: "High",
      E: "Attacked",
      MSI: "Safety",
      S: "Present",
      AU: "Yes",
      R: "Irrecoverable",
      U: "Amber",
    });
    expect(lines[0]).toEqual({ key: "AV", metric: "Attack Vector", code: "N", value: "Network" });
  });

  it("has a value name for every value of every metric", () => {
    const missing: string[] = [];
    for (const [version, defs] of [
      ["3", V3_METRICS],
      ["4", V4_METRICS],
    ] as const) {
      for (const def of defs)
        for (const code of def.values)
          if (!metricValueName(version, def.key, code)) missing.push(`v${version} ${def.key}:${code}`);
    }
    expect(missing).toEqual([]);
  });

  it("returns nothing for an invalid vector", () => {
    expect(explainVector("CVSS:3.1/AV:N")).toEqual([]);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows nothing inline and WebAssembly only when asked", () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'; script-src 'self'; style-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe");
    expect(contentSecurityPolicy({ wasm: true })).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });
});
