/**
 * `psirt release <product> <version> [--sbom FILE] [--released YYYY-MM-DD] [--end-of-support DATE]
 *   [--name NAME --exposure internet|internal|local [--scheme S]] [--root DIR]`
 *
 * Records a shipped version: the version entry goes into inventory/products/<product>.yaml in
 * version order (comments and layout kept; a new product file with --name and --exposure), and its
 * CycloneDX SBOM, checked first, is copied to inventory/sbom/<product>/<version>.cdx.json. Every
 * planned file is validated with the repository before anything is written.
 */
import { join, resolve } from "node:path";
import { CliError, EXIT } from "../core/exit-codes.ts";
import { loadSbom } from "../core/load/sbom.ts";
import { MAX_SBOM_BYTES } from "../core/load/source.ts";
import { sameVersionName } from "../core/product-versions.ts";
import { plannedErrors } from "../core/scaffold/check.ts";
import { isoDate } from "../core/scaffold/ids.ts";
import { planRelease, type ReleaseInput } from "../core/scaffold/release.ts";
import { validateRepository } from "../core/validate.ts";
import { repoRoot } from "../io/invocation.ts";
import { resolveNow } from "../io/now.ts";
import { readCapped, readRepository } from "../io/repo-files.ts";
import { formatText } from "../report/findings.ts";
import { replaceFile } from "./advisory.ts";
import { commandArgs } from "./args.ts";
import { writeNew } from "./incident.ts";

export const RELEASE_USAGE = `usage: npm run psirt -- release <product-id> <version> [--sbom FILE] [--released YYYY-MM-DD]
         [--end-of-support YYYY-MM-DD] [--name NAME --exposure internet|internal|local
         [--scheme semver|maven|pep440|dpkg|rpm|generic]] [--root DIR]
  Adds a shipped version to inventory/products/<product-id>.yaml (in version order) and copies
  its CycloneDX SBOM to inventory/sbom/<product-id>/<version>.cdx.json; --released defaults to
  today. --name and --exposure create a product that does not exist yet.
`;

const OPTIONS = {
  sbom: { type: "string" },
  released: { type: "string" },
  "end-of-support": { type: "string" },
  name: { type: "string" },
  exposure: { type: "string" },
  scheme: { type: "string" },
  root: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const EXPOSURES = ["internet", "internal", "local"] as const;
const SCHEMES = ["semver", "maven", "pep440", "dpkg", "rpm", "generic"] as const;

const usageError = (message: string) => new CliError(`release: ${message}\n${RELEASE_USAGE}`, EXIT.usage);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs("release", RELEASE_USAGE, args, OPTIONS);
  if (values.help) {
    process.stdout.write(RELEASE_USAGE);
    return EXIT.ok;
  }
  const [product, version, ...rest] = positionals;
  if (!product || !version) throw usageError("give the product id and the version");
  if (rest.length > 0) throw usageError(`unexpected argument "${rest[0]}"`);
  const exposure = values.exposure;
  if (exposure !== undefined && !(EXPOSURES as readonly string[]).includes(exposure))
    throw usageError(`--exposure must be one of ${EXPOSURES.join(", ")}`);
  if (values.scheme !== undefined && !(SCHEMES as readonly string[]).includes(values.scheme))
    throw usageError(`--scheme must be one of ${SCHEMES.join(", ")}`);

  const now = resolveNow();
  const root = repoRoot(values.root);
  const files = await readRepository(root);
  const { model, findings: before } = await validateRepository(files, now);
  const known = model.products.has(product);
  if (known && (values.name !== undefined || exposure !== undefined || values.scheme !== undefined))
    throw usageError(
      `product "${product}" exists: --name, --exposure and --scheme are only for a new product`,
    );
  const input: ReleaseInput = {
    product,
    version,
    released: values.released ?? isoDate(now),
    sbom: values.sbom !== undefined,
  };
  if (values["end-of-support"]) input.endOfSupport = values["end-of-support"];
  if (!known && (values.name !== undefined || exposure !== undefined)) {
    if (values.name === undefined) throw usageError("a new product needs --name");
    if (exposure === undefined)
      throw usageError("a new product needs --exposure (internet, internal or local)");
    input.newProduct = {
      name: values.name,
      exposure: exposure as (typeof EXPOSURES)[number],
      ...(values.scheme ? { scheme: values.scheme as (typeof SCHEMES)[number] } : {}),
    };
  }
  const current = files.find((f) => f.path === model.products.get(product)?.file);
  const planned = planRelease(model, input, current && new TextDecoder().decode(current.bytes));

  // The SBOM is checked on its own first, so that its problems are named by the file given.
  let sbomBytes: Uint8Array | undefined;
  let components = 0;
  if (values.sbom !== undefined && planned.sbomPath) {
    const given = resolve(values.sbom);
    try {
      sbomBytes = await readCapped(given, MAX_SBOM_BYTES);
    } catch (error) {
      throw new CliError(`release: cannot read SBOM ${values.sbom}: ${(error as Error).message}`, EXIT.usage);
    }
    const { sbom, findings } = await loadSbom(values.sbom, sbomBytes);
    const errors = findings.filter((f) => f.severity === "error");
    if (errors.length > 0 || !sbom) {
      process.stderr.write(formatText(errors));
      throw new CliError(
        `release: ${values.sbom} is not a valid CycloneDX SBOM: nothing written`,
        EXIT.findings,
      );
    }
    components = sbom.components.length;
    const described = sbom.subject?.version;
    if (described !== undefined && !sameVersionName(described, version))
      process.stderr.write(
        `release: warning PSIRT-W026 ${values.sbom} describes version ${described} (metadata.component), not ${version}: is it this release's SBOM?\n`,
      );
  }
  const plannedFiles = [planned.product];
  if (planned.sbomPath && sbomBytes)
    plannedFiles.push({ path: planned.sbomPath, text: new TextDecoder().decode(sbomBytes) });
  const errors = await plannedErrors(files, plannedFiles, now, before);
  if (errors.length > 0) {
    process.stderr.write(formatText(errors));
    throw new CliError(`release: ${planned.product.path} would not validate; nothing written`, EXIT.findings);
  }

  if (planned.sbomPath && sbomBytes) await writeNew(root, { path: planned.sbomPath, text: "" }, sbomBytes);
  // (SBOM first: if the product file then failed, an unreferenced SBOM is a warning, not an error.)
  // The product file is replaced whole (a new file is created exclusively).
  if (current) await replaceFile(join(root, planned.product.path), planned.product.text);
  else await writeNew(root, planned.product);
  process.stdout.write(
    `${current ? "added" : "created"} ${product} ${version} (released ${input.released}) in ${planned.product.path}` +
      (planned.sbomPath ? `; SBOM ${planned.sbomPath} (${components} components)` : "") +
      "\nadvisories with open ranges may now cover it: `npm run psirt -- check --base main` names them (PSIRT-W107)\n",
  );
  return EXIT.ok;
}
