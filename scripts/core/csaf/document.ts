/**
 * A published advisory as a CSAF 2.0 security advisory (scripts/docs/csaf.md maps every field).
 * Pure: the validated model in, a JSON-ready object out; dates come from the revision history,
 * never from the clock, so the same data always gives the same document.
 */
import pkg from "../../../package.json" with { type: "json" };
import type { Severity } from "../cvss/index.ts";
import type { AdvisoryDoc, Model } from "../load/repository.ts";
import { type AdvisoryView, advisoryView } from "../publish/advisory-view.ts";
import { currentRevision, initialRelease } from "../publish/select.ts";
import { csafDateTime } from "./dates.ts";
import { documentNotes } from "./notes.ts";
import { csafProductId, productTree } from "./product-tree.ts";
import type {
  CsafAcknowledgment,
  CsafCategory,
  CsafDocument,
  CsafDocumentMeta,
  CsafReference,
} from "./types.ts";
import { advisoryPageUrl, csafDocumentUrl } from "./urls.ts";
import { csafVulnerability } from "./vulnerability.ts";

/** The generator engine named in `/document/tracking/generator`. */
export const GENERATOR_NAME = "psirt-as-code";

export interface CsafOptions {
  /** Engine version in `/document/tracking/generator` (default: this package's version). */
  generatorVersion?: string;
  /** URL of the advisory's page (default: `<site>/advisories/<ID>/`). */
  advisoryUrl?: string;
  /** URL of the advisory's CSAF document (default: `<site>/.well-known/csaf/<tlp>/<year>/<file>`). */
  csafUrl?: string;
}

/** What tells a security advisory and its VEX document apart. */
export interface DocumentKind {
  category: CsafCategory;
  trackingId: string;
  title: string;
  /** Document references that the generator adds before the advisory's own. */
  references: CsafReference[];
  vex: boolean;
}

const SEVERITY_TEXT: Record<Severity, string> = {
  NONE: "None",
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  CRITICAL: "Critical",
};

/** The default URLs of an advisory's page and CSAF document. */
export function advisoryUrls(model: Model, adv: AdvisoryDoc, options: CsafOptions = {}) {
  const site = vendorOf(model).site.url;
  return {
    page: options.advisoryUrl ?? advisoryPageUrl(site, adv.data.id),
    csaf: options.csafUrl ?? csafDocumentUrl(site, adv.data.tlp, initialRelease(adv), adv.data.id),
  };
}

function vendorOf(model: Model) {
  const vendor = model.vendor?.data;
  if (!vendor)
    throw new Error(
      "CSAF needs inventory/vendor.yaml (publisher and site URL): validate the repository first",
    );
  return vendor;
}

function acknowledgments(adv: AdvisoryDoc): CsafAcknowledgment[] {
  const out: CsafAcknowledgment[] = [];
  for (const a of adv.data.acknowledgments) {
    const ack: CsafAcknowledgment = {};
    if (a.names.length > 0) ack.names = [...a.names];
    if (a.organization) ack.organization = a.organization;
    if (a.summary) ack.summary = a.summary;
    if (a.urls.length > 0) ack.urls = [...a.urls];
    if (Object.keys(ack).length > 0) out.push(ack);
  }
  return out;
}

/**
 * The generated references, then the advisory's own (those with a URL already listed are
 * skipped). In another document than the advisory's (VEX), the advisory's `self` links are external.
 */
function references(
  adv: AdvisoryDoc,
  generated: readonly CsafReference[],
  ownDocument: boolean,
): CsafReference[] {
  const out = [...generated];
  const seen = new Set(out.map((r) => r.url));
  for (const r of adv.data.references) {
    if (seen.has(r.url)) continue;
    seen.add(r.url);
    out.push({ category: ownDocument ? r.category : "external", summary: r.summary, url: r.url });
  }
  return out;
}

/** Builds a CSAF document of `kind` from an advisory view (shared by toCsaf and toCsafVex). */
export function buildDocument(
  model: Model,
  view: AdvisoryView,
  kind: DocumentKind,
  options: CsafOptions = {},
): CsafDocument {
  const vendor = vendorOf(model);
  const adv = view.advisory;
  const current = currentRevision(adv);
  const currentDate = csafDateTime(current.date);
  const acks = acknowledgments(adv);
  const notes = documentNotes(adv);
  const document: CsafDocumentMeta = {
    ...(acks.length > 0 ? { acknowledgments: acks } : {}),
    ...(view.severity ? { aggregate_severity: { text: SEVERITY_TEXT[view.severity] } } : {}),
    category: kind.category,
    csaf_version: "2.0",
    distribution: { tlp: { label: adv.data.tlp, url: "https://www.first.org/tlp/" } },
    lang: "en",
    ...(notes.length > 0 ? { notes } : {}),
    publisher: {
      category: "vendor",
      contact_details: `Email: ${vendor.contact.email}${vendor.contact.url ? `; web: ${vendor.contact.url}` : ""}`,
      name: vendor.name,
      namespace: vendor.namespace,
    },
    references: references(adv, kind.references, !kind.vex),
    title: kind.title,
    tracking: {
      current_release_date: currentDate,
      generator: {
        date: currentDate,
        engine: { name: GENERATOR_NAME, version: options.generatorVersion ?? pkg.version },
      },
      id: kind.trackingId,
      initial_release_date: csafDateTime(initialRelease(adv)),
      revision_history: adv.data.revisions.map((r) => ({
        date: csafDateTime(r.date),
        number: r.version,
        summary: r.summary,
      })),
      status: adv.data.status,
      version: current.version,
    },
  };

  // Only versions with a stated status are defined (optional test 6.2.1: no unused product ids).
  const used = new Set<string>();
  for (const v of view.vulnerabilities) {
    for (const r of [...v.knownAffected, ...v.fixed, ...v.knownNotAffected, ...v.underInvestigation]) {
      used.add(csafProductId(r.product, r.version));
    }
  }
  const tree = productTree(model, view.products, (product, version) =>
    used.has(csafProductId(product, version)),
  );
  const fallbackId = { system_name: `${vendor.name} advisory`, text: adv.data.id };
  return {
    document,
    ...(tree.branches ? { product_tree: tree } : {}),
    vulnerabilities: view.vulnerabilities.map((v) => csafVulnerability(v, { vex: kind.vex, fallbackId })),
  };
}

/**
 * The CSAF 2.0 security advisory (`csaf_security_advisory`) of a validated advisory. Its
 * references start with the document's canonical URL and the advisory page (category `self`).
 */
export function toCsaf(model: Model, adv: AdvisoryDoc, options: CsafOptions = {}): CsafDocument {
  const urls = advisoryUrls(model, adv, options);
  return buildDocument(
    model,
    advisoryView(model, adv),
    {
      category: "csaf_security_advisory",
      trackingId: adv.data.id,
      title: adv.data.title,
      references: [
        { category: "self", summary: "Canonical URL", url: urls.csaf },
        { category: "self", summary: `Advisory ${adv.data.id} (HTML)`, url: urls.page },
      ],
      vex: false,
    },
    options,
  );
}
