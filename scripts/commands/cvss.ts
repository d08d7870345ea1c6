/**
 * `psirt cvss <vector…> [--stdin] [--json]`: scores CVSS v2.0/v3.0/v3.1/v4.0 vectors.
 * One output line per vector, in input order; exit 1 if any vector is invalid, 2 on usage errors.
 */
import { parseArgs } from "node:util";
import { type CvssResult, scoreCvss } from "../core/cvss/index.ts";
import { EXIT } from "../core/exit-codes.ts";

const USAGE = `usage: npm run psirt -- cvss <vector…> [--stdin] [--json]
  --stdin  also read vectors from standard input, one per line (blank lines and # comments skipped)
  --json   print one JSON object per line: {"vector","version","baseScore","baseSeverity",…} or {"vector","error"}
`;

/** Vectors from text: one per line, trimmed; blank lines and `#` comments skipped. */
export function vectorsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** `9.8 CRITICAL CVSS:3.1/…`, v4 with its nomenclature, v2/v3 with temporal/environmental scores. */
export function formatText(result: CvssResult): string {
  const head = [result.baseScore.toFixed(1), result.baseSeverity, result.nomenclature, result.vector];
  const extra: string[] = [];
  if (result.temporalScore !== undefined) {
    extra.push(`temporal ${result.temporalScore.toFixed(1)} ${result.temporalSeverity}`);
  }
  if (result.environmentalScore !== undefined) {
    extra.push(`environmental ${result.environmentalScore.toFixed(1)} ${result.environmentalSeverity}`);
  }
  const line = head.filter((part) => part !== undefined).join(" ");
  return extra.length > 0 ? `${line} (${extra.join(", ")})` : line;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

export async function run(args: string[]): Promise<number> {
  let options: { stdin?: boolean; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values: options, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        stdin: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    process.stderr.write(`psirt cvss: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return EXIT.usage;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const vectors = [...positionals, ...(options.stdin ? vectorsFromText(await readStdin()) : [])];
  if (vectors.length === 0) {
    process.stderr.write(`psirt cvss: no vectors given\n${USAGE}`);
    return EXIT.usage;
  }
  let invalid = 0;
  const lines = vectors.map((vector) => {
    const result = scoreCvss(vector);
    if ("error" in result) {
      invalid += 1;
      return options.json
        ? JSON.stringify({ vector, error: result.error })
        : `error: ${vector}: ${result.error}`;
    }
    return options.json ? JSON.stringify(result) : formatText(result);
  });
  process.stdout.write(`${lines.join("\n")}\n`);
  return invalid > 0 ? EXIT.findings : EXIT.ok;
}
