/**
 * The search index's records: one per published advisory, built from the model rather than from
 * the rendered pages, so that Pagefind can index while Astro renders and so that nothing but a
 * published advisory's own text can reach the index. A record holds what the advisory page shows
 * in words: id, title, summary, CVE ids and aliases, products and versions, each vulnerability's
 * title, weakness, description and remediations, the body as plain text and the acknowledgments.
 */
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { parseMdxBody } from "../mdx/parse.ts";
import { nodesToText } from "../mdx/render.ts";
import { advisoryView } from "../publish/advisory-view.ts";

export interface SearchRecord {
  /**
   * Path of the advisory page from the site's root, `/advisories/X/`: Pagefind's UI prefixes the
   * base path itself (taken from where `pagefind.js` is served, e.g. `/psirt/`).
   */
  url: string;
  content: string;
  language: string;
  meta: { title: string; id: string };
}

/** Records of the given (published) advisories, sorted by id. */
export function searchRecords(
  model: Model,
  published: readonly AdvisoryDoc[],
  language = "en",
): SearchRecord[] {
  return [...published]
    .sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
    .map((adv) => ({
      url: `/advisories/${encodeURIComponent(adv.data.id)}/`,
      content: advisoryText(model, adv),
      language,
      meta: { title: adv.data.title, id: adv.data.id },
    }));
}

function advisoryText(model: Model, adv: AdvisoryDoc): string {
  const d = adv.data;
  const view = advisoryView(model, adv);
  const name = (id: string) => model.products.get(id)?.data.name ?? id;
  const lines: string[] = [`${d.id}: ${d.title}`, d.summary];
  lines.push(`Products: ${view.products.map(name).join(", ")}`);
  for (const v of view.vulnerabilities) {
    const ids = [v.vuln.cve, ...v.vuln.aliases].filter((x): x is string => Boolean(x));
    lines.push([...ids, v.vuln.title].join(" "));
    if (v.vuln.cwe) lines.push(`${v.vuln.cwe.id}: ${v.vuln.cwe.name}`);
    if (v.vuln.description) lines.push(v.vuln.description);
    const versions = (label: string, refs: readonly { productName: string; version: string }[]) => {
      if (refs.length > 0)
        lines.push(`${label}: ${refs.map((r) => `${r.productName} ${r.version}`).join(", ")}`);
    };
    versions("Affected", v.knownAffected);
    versions("Fixed", v.fixed);
    versions("Not affected", v.knownNotAffected);
    versions("Under investigation", v.underInvestigation);
    for (const r of v.vuln.remediations) lines.push(r.details);
  }
  lines.push(nodesToText(parseMdxBody(adv.file, adv.body, adv.bodyLine).tree.children));
  for (const a of d.acknowledgments)
    lines.push(`Acknowledgments: ${[...a.names, a.organization ?? ""].filter(Boolean).join(", ")}`);
  return lines.filter((l) => l.length > 0).join("\n");
}

/**
 * Pagefind writes `pagefind-entry.json` with `include_characters` in hash-set order, which can
 * differ between runs; the reader does not care about the order, reproducible builds do.
 */
export function canonicalPagefindEntry(text: string): string {
  const entry = JSON.parse(text) as { include_characters?: string[] };
  if (Array.isArray(entry.include_characters))
    entry.include_characters = [...entry.include_characters].sort();
  return JSON.stringify(entry);
}
