/**
 * NVD CVE API 2.0 reader: a response page (`{ resultsPerPage, startIndex, totalResults,
 * vulnerabilities: [{ cve }] }`), an array of pages, a single `{ cve }` or a bare CVE object.
 *
 * Configurations are flattened to one {@link CpeAffected} per `cpeMatch`. Simplification: in an
 * AND configuration (a vulnerable CPE "running on" a platform CPE) the vulnerable entries count as
 * affected on their own, the platform condition is not kept; the platform entries are still listed,
 * with `vulnerable: false`, so nothing is lost for display. Entries of a negated node are listed as
 * not vulnerable.
 */
import { decodeText, describeIssues, fail, idOf, isObject, parseJson, unique } from "./bytes.ts";
import { type NvdCveInput, type NvdMetricInput, nvdCveSchema, nvdEnvelopeSchema } from "./schema/nvd.ts";
import type { CpeAffected, FeedDiagnostic, ReadResult, Severity, VulnRecord } from "./types.ts";

/** Paging fields of an NVD API response, for the client that fetches the next page. */
export interface NvdPageInfo {
  startIndex: number;
  resultsPerPage: number;
  totalResults: number;
}

/** Reads NVD CVE records; invalid CVE objects become diagnostics and the rest continue. */
export function readNvd(bytes: Uint8Array, source: string): ReadResult<VulnRecord> {
  const parsed = parseJson(decodeText(bytes), source, "an NVD CVE API 2.0 response or CVE object");
  if (!parsed.ok) return { items: [], diagnostics: [parsed.diagnostic] };
  return readNvdJson(parsed.value, source);
}

/** Same as {@link readNvd} for already parsed JSON. */
export function readNvdJson(value: unknown, source: string): ReadResult<VulnRecord> {
  const items: VulnRecord[] = [];
  const diagnostics: FeedDiagnostic[] = [];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      readAny(entry, source, `#${index}`, items, diagnostics);
    });
  } else {
    readAny(value, source, undefined, items, diagnostics);
  }
  return { items, diagnostics };
}

/** Paging fields of a response page; undefined when the bytes are not an NVD API page. */
export function nvdPageInfo(bytes: Uint8Array): NvdPageInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(bytes));
  } catch {
    return undefined;
  }
  const page = nvdEnvelopeSchema.safeParse(value);
  if (!page.success) return undefined;
  const { startIndex, resultsPerPage, totalResults } = page.data;
  return { startIndex, resultsPerPage, totalResults };
}

function readAny(
  value: unknown,
  source: string,
  position: string | undefined,
  items: VulnRecord[],
  diagnostics: FeedDiagnostic[],
): void {
  const at = (suffix: string) => (position === undefined ? suffix : `${position}/${suffix}`);
  if (isObject(value) && "vulnerabilities" in value) {
    const page = nvdEnvelopeSchema.safeParse(value);
    if (!page.success) {
      const message = `not a valid NVD API response page: ${describeIssues(page.error)}`;
      diagnostics.push(fail(source, message, position));
      return;
    }
    page.data.vulnerabilities.forEach((entry, index) => {
      const wrapped = isObject(entry) && "cve" in entry ? entry.cve : entry;
      readCve(wrapped, source, at(`vulnerabilities/${index}`), items, diagnostics);
    });
  } else if (isObject(value) && isObject(value.cve)) {
    readCve(value.cve, source, position, items, diagnostics);
  } else {
    readCve(value, source, position, items, diagnostics);
  }
}

function readCve(
  value: unknown,
  source: string,
  position: string | undefined,
  items: VulnRecord[],
  diagnostics: FeedDiagnostic[],
): void {
  const result = nvdCveSchema.safeParse(value);
  if (!result.success) {
    const record = idOf(value) ?? position ?? "record";
    const message = `not a valid NVD CVE object: ${describeIssues(result.error)}`;
    diagnostics.push(fail(source, message, record));
    return;
  }
  items.push(normalize(result.data));
}

function normalize(cve: NvdCveInput): VulnRecord {
  const description = cve.descriptions?.find((d) => d.lang === "en" || d.lang.startsWith("en-"))?.value;
  const record: VulnRecord = {
    id: cve.id,
    aliases: [],
    related: [],
    source: "nvd",
    severity: severities(cve),
    cwes: unique(
      (cve.weaknesses ?? [])
        .flatMap((w) => w.description.map((d) => d.value))
        .filter((v) => /^CWE-\d+$/.test(v)),
    ),
    references: unique((cve.references ?? []).map((r) => r.url)),
    affected: cpeAffected(cve),
  };
  if (description !== undefined && description !== "") {
    record.summary = firstSentence(description);
    record.details = description;
  }
  if (cve.published) record.published = utc(cve.published);
  if (cve.lastModified) record.modified = utc(cve.lastModified);
  if (cve.vulnStatus === "Rejected") record.withdrawn = utc(cve.lastModified ?? cve.published ?? "");
  if (cve.cisaExploitAdd) {
    record.kev = { dateAdded: cve.cisaExploitAdd };
    if (cve.cisaActionDue) record.kev.dueDate = cve.cisaActionDue;
    if (cve.cisaRequiredAction) record.kev.requiredAction = cve.cisaRequiredAction;
    if (cve.cisaVulnerabilityName) record.kev.vulnerabilityName = cve.cisaVulnerabilityName;
  }
  const databaseSpecific: Record<string, unknown> = {};
  if (cve.vulnStatus) databaseSpecific.vulnStatus = cve.vulnStatus;
  if (cve.sourceIdentifier) databaseSpecific.sourceIdentifier = cve.sourceIdentifier;
  if (Object.keys(databaseSpecific).length > 0) record.databaseSpecific = databaseSpecific;
  return record;
}

const METRIC_KEYS = [
  ["cvssMetricV40", "CVSS_V4"],
  ["cvssMetricV31", "CVSS_V3"],
  ["cvssMetricV30", "CVSS_V3"],
  ["cvssMetricV2", "CVSS_V2"],
] as const;

/** Newest CVSS version first; within a version the Primary (NVD) score before Secondary ones. */
function severities(cve: NvdCveInput): Severity[] {
  const out: Severity[] = [];
  for (const [key, type] of METRIC_KEYS) {
    const metrics: NvdMetricInput[] = cve.metrics?.[key] ?? [];
    const ordered = [
      ...metrics.filter((m) => m.type === "Primary"),
      ...metrics.filter((m) => m.type !== "Primary"),
    ];
    for (const m of ordered) {
      const severity: Severity = { type, vector: m.cvssData.vectorString };
      if (m.cvssData.baseScore !== undefined) severity.baseScore = m.cvssData.baseScore;
      if (m.source !== undefined) severity.source = m.source;
      out.push(severity);
    }
  }
  return out;
}

const BOUNDS = [
  "versionStartIncluding",
  "versionStartExcluding",
  "versionEndIncluding",
  "versionEndExcluding",
] as const;

function cpeAffected(cve: NvdCveInput): CpeAffected[] {
  const seen = new Set<string>();
  const out: CpeAffected[] = [];
  for (const configuration of cve.configurations ?? []) {
    for (const node of configuration.nodes) {
      for (const match of node.cpeMatch ?? []) {
        const entry: CpeAffected = {
          kind: "cpe",
          criteria: match.criteria,
          vulnerable: match.vulnerable && node.negate !== true,
        };
        for (const bound of BOUNDS) {
          const v = match[bound];
          if (v !== undefined) entry[bound] = v;
        }
        const key = JSON.stringify(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(entry);
      }
    }
  }
  return out;
}

/** NVD timestamps are UTC without a zone designator; add `Z` so they compare with OSV's. */
function utc(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(timestamp) ? `${timestamp}Z` : timestamp;
}

/** The description's first sentence (at most about 200 characters) as a one-line summary. */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/[.!?](\s|$)/);
  const sentence = end === -1 ? flat : flat.slice(0, end + 1);
  if (sentence.length <= 200) return sentence;
  const cut = sentence.lastIndexOf(" ", 199);
  return `${sentence.slice(0, cut > 0 ? cut : 199)}…`;
}
