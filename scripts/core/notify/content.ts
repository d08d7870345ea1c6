/**
 * What a customer notice says about one advisory, derived once from the validated model and
 * shared by the news flash and the pre-notification: severity, affected / fixed / not-affected
 * versions per product, what to do, the advisory link, and credit (only with consent). Pure.
 */
import type { Incident } from "../../../schemas/incident.ts";
import type { Vendor } from "../../../schemas/vendor.ts";
import { advisoryPageUrl } from "../csaf/urls.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { renderBody } from "../mdx/render.ts";
import { advisoryView } from "../publish/advisory-view.ts";
import { currentRevision, initialRelease } from "../publish/select.ts";

export interface ProductRow {
  product: string;
  name: string;
  affected: string[];
  fixed: string[];
  notAffected: string[];
  underInvestigation: string[];
}

export interface VulnerabilityLine {
  /** CVE, else the first alias, else "". */
  id: string;
  title: string;
  /** e.g. "CVSS v3.1 9.8 CRITICAL, CVSS v4.0 9.3 CRITICAL" ("" without scores). */
  scores: string;
}

export interface RemediationLine {
  label: string;
  details: string;
  products: string[];
  url?: string;
}

export interface Acknowledged {
  names: string[];
  organization?: string;
  summary?: string;
}

export interface NoticeContent {
  id: string;
  title: string;
  summary: string;
  vendorName: string;
  /** PSIRT mailbox (From, Reply-To, signature). */
  contact: string;
  /** Highest severity of the advisory ("" when unscored) and its score. */
  severity: string;
  score?: number;
  revision: { version: string; date: string };
  initialRelease: string;
  tlp: string;
  url: string;
  vulnerabilities: VulnerabilityLine[];
  products: ProductRow[];
  remediations: RemediationLine[];
  /** The body's "Workarounds" section, when it has one (text and sanitized HTML). */
  workarounds?: { text: string; html: string };
  acknowledgments: Acknowledged[];
  /** Acknowledgments left out because the incident's reporter did not consent to credit. */
  withheld: Acknowledged[];
  /** Embargo date of the advisory, else of its incident. */
  embargoUntil?: string;
}

const LABELS: Record<string, string> = {
  vendor_fix: "Update",
  workaround: "Workaround",
  mitigation: "Mitigation",
  no_fix_planned: "No fix planned",
  none_available: "No fix available yet",
};

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Acknowledgments that may be repeated in a notice. The advisory should only credit consenting
 * reporters; when the incident says its reporter did not consent, entries naming that reporter
 * are withheld here as well (a second line of defence against an editing mistake).
 */
export function consentedAcknowledgments(
  acks: readonly Acknowledged[],
  incident: Incident | undefined,
): { acknowledgments: Acknowledged[]; withheld: Acknowledged[] } {
  const reporter = incident?.source.reporter;
  if (!reporter || reporter.credit) return { acknowledgments: [...acks], withheld: [] };
  const acknowledgments: Acknowledged[] = [];
  const withheld: Acknowledged[] = [];
  for (const a of acks) {
    const names = a.names.some((n) => same(n, reporter.name));
    const org = a.names.length === 0 && same(a.organization, reporter.organization ?? reporter.name);
    (names || org ? withheld : acknowledgments).push(a);
  }
  return { acknowledgments, withheld };
}

const rowRank = (r: ProductRow): number =>
  r.affected.length > 0 ? 0 : r.fixed.length > 0 ? 1 : r.underInvestigation.length > 0 ? 2 : 3;

function uniquePush(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** The notice content for `advisory` (incident: the linked one, when it exists). */
export function noticeContent(
  model: Model,
  vendor: Vendor,
  advisory: AdvisoryDoc,
  incident: Incident | undefined,
): NoticeContent {
  const view = advisoryView(model, advisory);
  const d = advisory.data;
  const rows = new Map<string, ProductRow>();
  const row = (product: string, name: string) => {
    let r = rows.get(product);
    if (!r) {
      r = { product, name, affected: [], fixed: [], notAffected: [], underInvestigation: [] };
      rows.set(product, r);
    }
    return r;
  };
  for (const id of view.products) row(id, model.products.get(id)?.data.name ?? id);
  const vulnerabilities: VulnerabilityLine[] = [];
  const remediations: RemediationLine[] = [];
  for (const v of view.vulnerabilities) {
    for (const ref of v.knownAffected) uniquePush(row(ref.product, ref.productName).affected, ref.version);
    for (const ref of v.fixed) uniquePush(row(ref.product, ref.productName).fixed, ref.version);
    for (const ref of v.knownNotAffected)
      uniquePush(row(ref.product, ref.productName).notAffected, ref.version);
    for (const ref of v.underInvestigation)
      uniquePush(row(ref.product, ref.productName).underInvestigation, ref.version);
    const scores = [v.cvssV3, v.cvssV4]
      .flatMap((s) => (s ? [`CVSS v${s.version} ${s.baseScore.toFixed(1)} ${s.baseSeverity}`] : []))
      .join(", ");
    vulnerabilities.push({ id: v.vuln.cve ?? v.vuln.aliases[0] ?? "", title: v.vuln.title, scores });
    for (const r of v.vuln.remediations) {
      const line: RemediationLine = {
        label: LABELS[r.category] ?? r.category,
        details: r.details,
        products: r.products.map((p) => model.products.get(p)?.data.name ?? p),
        ...(r.url ? { url: r.url } : {}),
      };
      if (
        !remediations.some((x) => x.label === line.label && x.details === line.details && x.url === line.url)
      )
        remediations.push(line);
    }
  }
  const sections = renderBody(advisory.body).sections;
  const work = sections.find((s) => /^workarounds?\b/i.test(s.title));
  const credit = consentedAcknowledgments(d.acknowledgments, incident);
  const embargoUntil = d.embargo_until ?? incident?.embargo_until;
  const current = currentRevision(advisory);
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    vendorName: vendor.name,
    contact: vendor.contact.email,
    severity: view.severity ?? "",
    ...(view.score !== undefined ? { score: view.score } : {}),
    revision: { version: current.version, date: current.date },
    initialRelease: initialRelease(advisory),
    tlp: d.tlp,
    url: advisoryPageUrl(vendor.site.url, d.id),
    vulnerabilities,
    // affected products first, then fixed-only, under investigation, and not affected
    products: [...rows.values()].sort((a, b) => rowRank(a) - rowRank(b)),
    remediations,
    ...(work ? { workarounds: { text: work.text, html: work.html } } : {}),
    ...credit,
    ...(embargoUntil ? { embargoUntil } : {}),
  };
}
