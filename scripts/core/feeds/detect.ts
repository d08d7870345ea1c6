/**
 * Tells feeds apart by content (never by file name) and dispatches to the right reader. Gzip is
 * unwrapped first; a zip is an OSV bulk export.
 */
import { fail, isObject, isZip, maybeGunzip, readText } from "./bytes.ts";
import { readCsafJson } from "./csaf.ts";
import { readEpssText } from "./epss.ts";
import { readKevCsv, readKevJson } from "./kev.ts";
import { readNvdJson } from "./nvd.ts";
import { readOsv, readOsvJson } from "./osv.ts";
import type { EpssData, FeedDiagnostic, KevEntry, VulnRecord } from "./types.ts";

export type FeedKind = "osv" | "osv-zip" | "nvd" | "kev" | "epss" | "csaf" | "unknown";

export interface FeedReadResult {
  kind: FeedKind;
  /** OSV, NVD and CSAF records. */
  records?: VulnRecord[];
  kev?: KevEntry[];
  epss?: EpssData;
  diagnostics: FeedDiagnostic[];
}

type Sniffed =
  | { kind: "osv-zip"; bytes: Uint8Array }
  | { kind: "osv" | "nvd" | "csaf"; json: unknown }
  | { kind: "kev"; json: unknown }
  | { kind: "kev-csv" | "epss"; text: string }
  | { kind: "unknown"; reason: string };

/** The kind of feed the bytes hold, judged from their content. */
export function detectFeed(bytes: Uint8Array): FeedKind {
  const sniffed = sniff(bytes);
  return sniffed.kind === "kev-csv" ? "kev" : sniffed.kind;
}

/** Detects the feed kind and reads it; unrecognized input is one error diagnostic. */
export function readFeed(bytes: Uint8Array, source: string): FeedReadResult {
  const sniffed = sniff(bytes, source);
  switch (sniffed.kind) {
    case "osv-zip": {
      const { items, diagnostics } = readOsv(sniffed.bytes, source);
      return { kind: "osv-zip", records: items, diagnostics };
    }
    case "osv":
    case "nvd":
    case "csaf": {
      const read = { osv: readOsvJson, nvd: readNvdJson, csaf: readCsafJson }[sniffed.kind];
      const { items, diagnostics } = read(sniffed.json, source);
      return { kind: sniffed.kind, records: items, diagnostics };
    }
    case "kev": {
      const { items, diagnostics } = readKevJson(sniffed.json, source);
      return { kind: "kev", kev: items, diagnostics };
    }
    case "kev-csv": {
      const { items, diagnostics } = readKevCsv(sniffed.text, source);
      return { kind: "kev", kev: items, diagnostics };
    }
    case "epss": {
      const { data, diagnostics } = readEpssText(sniffed.text, source);
      return { kind: "epss", epss: data, diagnostics };
    }
    default:
      return { kind: "unknown", diagnostics: [fail(source, sniffed.reason)] };
  }
}

function sniff(bytes: Uint8Array, source = ""): Sniffed {
  const plain = maybeGunzip(bytes, source);
  if (!plain.ok) return { kind: "unknown", reason: plain.diagnostic.message };
  if (isZip(plain.value)) return { kind: "osv-zip", bytes: plain.value };
  const decoded = readText(plain.value, source);
  if (!decoded.ok) return { kind: "unknown", reason: decoded.diagnostic.message };
  const text = decoded.value;
  const head = text.trimStart();
  if (head.startsWith("{") || head.startsWith("[")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { kind: "unknown", reason: `not valid JSON, so the feed kind is unknown: ${detail}` };
    }
    const kind = jsonKind(json);
    return kind === "unknown"
      ? { kind, reason: "JSON of an unknown shape: expected OSV, NVD CVE API 2.0, CISA KEV or CSAF" }
      : { kind, json };
  }
  const firstLine = head.slice(0, head.search(/\r?\n|$/)).toLowerCase();
  if (firstLine.startsWith("#model_version") || firstLine.startsWith("cve,epss"))
    return { kind: "epss", text };
  if (firstLine.startsWith("cveid,")) return { kind: "kev-csv", text };
  return {
    kind: "unknown",
    reason: "unknown content: expected JSON, a zip, an EPSS CSV or a KEV CSV",
  };
}

type JsonKind = "osv" | "nvd" | "csaf" | "kev" | "unknown";

/**
 * The kind of a JSON feed; an array takes the kind of its first element of a known kind, so that
 * a bad first record does not hide the good ones (the reader then reports the bad one itself).
 */
function jsonKind(json: unknown): JsonKind {
  if (!Array.isArray(json)) return documentKind(json);
  for (const element of json) {
    const kind = documentKind(element);
    if (kind !== "unknown") return kind;
  }
  return "unknown";
}

function documentKind(first: unknown): JsonKind {
  if (!isObject(first)) return "unknown";
  if (isObject(first.document) && "csaf_version" in first.document) return "csaf";
  if (Array.isArray(first.vulnerabilities)) {
    const entry = first.vulnerabilities[0];
    if (first.format === "NVD_CVE" || (isObject(entry) && "cve" in entry)) return "nvd";
    if ("catalogVersion" in first || (isObject(entry) && "cveID" in entry)) return "kev";
    return "unknown";
  }
  if (isObject(first.cve)) return "nvd";
  if (Array.isArray(first.vulns)) return "osv";
  if (typeof first.id === "string") {
    if ("sourceIdentifier" in first || "vulnStatus" in first || "descriptions" in first) return "nvd";
    if ("affected" in first || "modified" in first || "schema_version" in first || "aliases" in first) {
      return "osv";
    }
  }
  return "unknown";
}
