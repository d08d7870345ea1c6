/**
 * `psirt verify <dist-dir or URL> [--format text|json] [--fingerprint FPR] [--now DATE]`: what a customer runs
 * against a published CSAF trusted-provider tree. Exit 0 when everything verifies, 1 on any
 * failure, 2 on usage errors, 3 when locations could not be reached (and nothing failed).
 */
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { PROVIDER_METADATA_PATH } from "../core/provider/layout.ts";
import { formatVerifyJson, formatVerifyText } from "../core/verify/format.ts";
import type { TreeSource } from "../core/verify/source.ts";
import { verifyTree } from "../core/verify/verify-tree.ts";
import { checkScheme, directorySource, urlSource } from "../io/tree-source.ts";

const USAGE = `usage: npm run psirt -- verify <dist-dir or https URL> [--format text|json] [--fingerprint FPR]… [--now DATE]
  <dist-dir>      a built site folder: reads <dist-dir>/${PROVIDER_METADATA_PATH}
  <https URL>     a published site: reads <URL>/${PROVIDER_METADATA_PATH}
                  (plain http only to 127.0.0.1 / localhost)
  --format        text (default): FAIL/ERROR/WARN lines and a summary; json: one report object
  --fingerprint   the signing key you trust (40 hex digits, from the vendor out of band); repeatable.
                  Without it, the key is trusted because provider-metadata.json names it.
  --now DATE      check signatures and security.txt's Expires as of DATE (default: now)
exit: 0 all verified, 1 failures, 2 usage, 3 network errors (nothing failed, but not all was read)
`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        now: { type: "string" },
        fingerprint: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliError(`verify: ${(error as Error).message}\n${USAGE}`);
  }
}

function sourceFor(target: string): { source: TreeSource; fetchedFrom?: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    try {
      checkScheme(target);
    } catch (error) {
      throw new CliError(`verify: ${(error as Error).message}`);
    }
    const source = urlSource(target);
    return { source, fetchedFrom: `${source.label}/${PROVIDER_METADATA_PATH}` };
  }
  if (!existsSync(target) || !statSync(target).isDirectory())
    throw new CliError(`verify: "${target}" is neither a folder nor an https:// URL\n${USAGE}`);
  return { source: directorySource(target) };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json")
    throw new CliError(`verify: unknown --format "${format}": use text or json`);
  if (positionals.length !== 1) throw new CliError(`verify: give one folder or URL\n${USAGE}`);
  let now = new Date();
  if (values.now) {
    now = new Date(values.now.length === 10 ? `${values.now}T00:00:00Z` : values.now);
    if (Number.isNaN(now.getTime())) throw new CliError(`verify: --now "${values.now}" is not a date`);
  }
  const pinned = values.fingerprint?.map((f) => f.replace(/\s+/g, "").toUpperCase());
  for (const f of pinned ?? [])
    if (!/^[0-9A-F]{40,}$/.test(f))
      throw new CliError(`verify: --fingerprint "${f}" is not a fingerprint (40 hex digits)`);
  const { source, fetchedFrom } = sourceFor(positionals[0]!);
  // Loaded here, not at the top: the validator library takes a second or two to load.
  const { validateCsaf } = await import("../core/csaf/validate.ts");
  const report = await verifyTree({
    source,
    now,
    ...(fetchedFrom ? { fetchedFrom } : {}),
    ...(pinned ? { pinnedFingerprints: pinned } : {}),
    validateCsaf: (doc) => validateCsaf(doc, { optional: false }),
  });
  process.stdout.write(format === "json" ? formatVerifyJson(report) : formatVerifyText(report));
  if (report.failures.length > 0) return EXIT.findings;
  if (report.networkErrors.length > 0) return EXIT.network;
  return EXIT.ok;
}
