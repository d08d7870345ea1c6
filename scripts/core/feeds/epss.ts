/**
 * FIRST EPSS reader (`epss_scores-current.csv.gz`, plain or gzipped): an optional
 * `#model_version:…,score_date:…` comment line, a `cve,epss,percentile` header, one row per CVE.
 */
import { DiagnosticSink, decodeText, fail, maybeGunzip, warn } from "./bytes.ts";
import type { EpssData, EpssScore, FeedDiagnostic } from "./types.ts";

export interface EpssReadResult {
  data: EpssData;
  diagnostics: FeedDiagnostic[];
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/** Reads EPSS scores; bad rows become diagnostics (bounded), the rest are kept. */
export function readEpss(bytes: Uint8Array, source: string): EpssReadResult {
  const data: EpssData = { scores: new Map() };
  const plain = maybeGunzip(bytes, source);
  if (!plain.ok) return { data, diagnostics: [plain.diagnostic] };
  return readEpssText(decodeText(plain.value), source);
}

/** Same as {@link readEpss} for decoded text. */
export function readEpssText(text: string, source: string): EpssReadResult {
  const data: EpssData = { scores: new Map() };
  const sink = new DiagnosticSink(source);
  const lines = text.split(/\r?\n/);
  let index = 0;
  for (; index < lines.length && lines[index]!.startsWith("#"); index++) {
    Object.assign(data, parseComment(lines[index]!));
  }
  const header = lines[index]?.split(",").map((h) => h.trim().toLowerCase());
  const columns = {
    cve: header?.indexOf("cve") ?? -1,
    epss: header?.indexOf("epss") ?? -1,
    percentile: header?.indexOf("percentile") ?? -1,
  };
  if (header === undefined || Object.values(columns).some((c) => c === -1)) {
    const found = header === undefined ? "no header" : `"${lines[index]}"`;
    return {
      data,
      diagnostics: [fail(source, `not an EPSS file: expected header cve,epss,percentile, found ${found}`)],
    };
  }
  const width = header.length;
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const record = `line ${i + 1}`;
    const fields = line.split(",");
    const cve = fields[columns.cve]?.trim() ?? "";
    const epss = Number(fields[columns.epss]?.trim() || Number.NaN);
    const percentile = Number(fields[columns.percentile]?.trim() || Number.NaN);
    if (!CVE.test(cve)) {
      sink.push(fail(source, `expected a CVE id in column "cve", found "${cve}"`, record));
    } else if (!inUnitRange(epss) || !inUnitRange(percentile)) {
      const shown = (v: string | undefined) => (v === undefined ? "nothing" : JSON.stringify(v));
      const message =
        fields.length < width
          ? `expected ${width} columns as the header has, found ${fields.length}: ${JSON.stringify(line)}`
          : `expected epss and percentile between 0 and 1, found ${shown(fields[columns.epss])} and ${shown(fields[columns.percentile])}`;
      sink.push(fail(source, message, cve));
    } else {
      if (data.scores.has(cve))
        sink.push(warn(source, `CVE listed twice; the later row (${record}) wins`, cve));
      const score: EpssScore = { cve, epss, percentile };
      data.scores.set(cve, score);
    }
  }
  return { data, diagnostics: sink.finish() };
}

/** `#model_version:v2026.06.15,score_date:2026-09-29T12:00:22Z` → model version and score date. */
function parseComment(line: string): Partial<EpssData> {
  const out: Partial<EpssData> = {};
  for (const part of line.slice(1).split(",")) {
    const colon = part.indexOf(":");
    if (colon === -1) continue;
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === "model_version") out.modelVersion = value;
    else if (key === "score_date") out.scoreDate = value;
  }
  return out;
}

function inUnitRange(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 1;
}
