/**
 * `match --format sarif`: SARIF 2.1.0 for GitHub code scanning. One rule per vulnerability (id,
 * summary, help link, `security-severity` from CVSS), one result per finding located at the
 * component's line in its SBOM. Levels: P1/P2 error, P3 warning, P4 note; findings already covered
 * by an incident are notes whatever their priority.
 */
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Match } from "../core/matching/types.ts";
import { intelText, statusText } from "./match-text.ts";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** SBOM texts by path, to point results at the component's line. */
  texts?: ReadonlyMap<string, string>;
  toolVersion?: string;
  /** Help links of each vulnerability (first reference of its records). */
  references?: ReadonlyMap<string, string>;
}

/** 1-based line of the component's purl (or name) in the SBOM text; 1 when not found. */
export function lineOf(text: string | undefined, m: Match): number {
  if (text === undefined) return 1;
  const needle = m.purl ?? m.cpe ?? m.component;
  const escaped = JSON.stringify(needle).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const key = m.purl ? "purl" : m.cpe ? "cpe" : "name";
  const found = new RegExp(`"${key}"\\s*:\\s*${escaped}`).exec(text);
  const index = found ? found.index : text.indexOf(JSON.stringify(needle));
  if (index < 0) return 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const level = (m: Match): "error" | "warning" | "note" =>
  !m.new
    ? "note"
    : m.priority === "P1" || m.priority === "P2"
      ? "error"
      : m.priority === "P3"
        ? "warning"
        : "note";

function helpUri(id: string, references?: ReadonlyMap<string, string>): string {
  if (/^CVE-\d+-\d+$/.test(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (/^[A-Za-z0-9._-]+$/.test(id)) return `https://osv.dev/vulnerability/${id}`;
  return references?.get(id) ?? "https://osv.dev/";
}

const uriOf = (file: string): string => (file.startsWith("/") ? pathToFileURL(file).href : file);

export function formatSarif(matches: readonly Match[], options: SarifOptions = {}): string {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  for (const m of matches) {
    if (ruleIndex.has(m.id)) continue;
    ruleIndex.set(m.id, rules.length);
    const title = m.summary ?? m.id;
    const properties: Record<string, unknown> = {
      tags: ["security", "vulnerability", "sbom", ...m.aliases],
      precision: m.confidence === "high" ? "high" : "low",
    };
    if (m.cvss) properties["security-severity"] = m.cvss.score.toFixed(1);
    rules.push({
      id: m.id,
      name: m.id.replace(/[^A-Za-z0-9]/g, ""),
      shortDescription: { text: title },
      fullDescription: { text: `${title}${m.aliases.length > 0 ? ` (also ${m.aliases.join(", ")})` : ""}` },
      helpUri: helpUri(m.id, options.references),
      help: {
        text: `${m.id}: ${title}. Update the affected component to a fixed version.`,
        markdown: `**${m.id}**: ${title}\n\nAlso known as: ${m.aliases.join(", ") || "–"}`,
      },
      defaultConfiguration: { level: "error" },
      properties,
    });
  }
  const results = matches.map((m) => {
    const what = m.purl ?? `${m.component}@${m.version}`;
    const intel = intelText(m);
    const text =
      `${m.id} affects ${what} in ${m.product} ${m.productVersion} (${m.priority}, ${statusText(m)}). ` +
      `Affected ${m.affected}; fixed in ${m.fixed.join(", ") || "no version yet"}.${intel ? ` ${intel}.` : ""}`;
    return {
      ruleId: m.id,
      ruleIndex: ruleIndex.get(m.id)!,
      level: level(m),
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: uriOf(m.sbom),
              ...(m.sbom.startsWith("/") ? {} : { uriBaseId: "%SRCROOT%" }),
            },
            region: { startLine: lineOf(options.texts?.get(m.sbom), m) },
          },
          logicalLocations: [{ name: `${m.product}@${m.productVersion}`, kind: "module" }],
        },
      ],
      partialFingerprints: {
        "psirtMatch/v1": createHash("sha256")
          .update(`${m.id}\0${m.product}\0${m.productVersion}\0${m.purl ?? m.cpe ?? m.component}`)
          .digest("hex"),
      },
      properties: {
        priority: m.priority,
        new: m.new,
        confidence: m.confidence,
        product: m.product,
        productVersion: m.productVersion,
        ...(m.known ? { incident: m.known.incident } : {}),
      },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "psirt-match",
            semanticVersion: options.toolVersion ?? "0.1.0",
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
