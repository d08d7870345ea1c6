/**
 * The one loader: repository files (path + bytes) → typed, validated model + findings. Pure: the
 * caller reads the files (scripts/io/repo-files.ts); the CLI and the site both use this function.
 */
import type { z } from "zod";
import { AdvisoryFrontMatter } from "../../../schemas/advisory.ts";
import { FeedsConfig } from "../../../schemas/feeds-config.ts";
import { Incident } from "../../../schemas/incident.ts";
import { Product } from "../../../schemas/product.ts";
import { Recipients } from "../../../schemas/recipients.ts";
import { Vendor } from "../../../schemas/vendor.ts";
import type { Finding } from "../finding.ts";
import { parseMdxBody } from "../mdx/parse.ts";
import { splitFrontMatter } from "./front-matter.ts";
import type { Positions } from "./positions.ts";
import { loadSbom, type Sbom } from "./sbom.ts";
import { schemaFindings } from "./schema-findings.ts";
import { decodeText, fileFinding } from "./source.ts";
import { parseYaml } from "./yaml.ts";

export interface RepoFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  bytes: Uint8Array;
  /**
   * Set when the path is not a regular file ("a symbolic link", "a named pipe"…): such entries are
   * never followed or read, since content is untrusted; the loader reports them.
   */
  special?: string;
}

export interface Doc<T> {
  file: string;
  data: T;
  positions: Positions;
}

export interface AdvisoryDoc extends Doc<AdvisoryFrontMatter> {
  /** The MDX body as written. */
  body: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
}

export type ProductDoc = Doc<Product>;
export type IncidentDoc = Doc<Incident>;
export type VendorDoc = Doc<Vendor>;

export interface Model {
  vendor?: VendorDoc;
  products: Map<string, ProductDoc>;
  advisories: AdvisoryDoc[];
  incidents: IncidentDoc[];
  /** Inventory SBOMs that parsed, by repository path. */
  sboms: Map<string, Sbom>;
  /** Every path the loader was given (existence checks). */
  paths: Set<string>;
  /** Ids of documents that exist but failed to parse: links to them are not reported again. */
  /** inventory/recipients.yaml (pre-notification recipients), when present and valid. */
  recipients?: Doc<Recipients>;
  brokenIds: Set<string>;
}

export const RECIPIENTS_FILE = "inventory/recipients.yaml";

export type FileKind = "vendor" | "product" | "sbom" | "advisory" | "incident" | "recipients" | "feeds";

/** Which kind of content a path holds, or undefined for files the loader does not read. */
export function kindOf(path: string): FileKind | undefined {
  if (path === "inventory/vendor.yaml") return "vendor";
  if (path === RECIPIENTS_FILE) return "recipients";
  if (path === "inventory/feeds.yaml") return "feeds";
  if (/^inventory\/products\/[^/]+\.yaml$/.test(path)) return "product";
  if (/^inventory\/sbom\/.+\.cdx\.json$/.test(path)) return "sbom";
  if (/^advisories\/.+\.mdx$/.test(path)) return "advisory";
  if (/^incidents\/.+\.yaml$/.test(path)) return "incident";
  return undefined;
}

/** Files in content folders that the loader does not recognise (warned, never read). */
function isStray(path: string): boolean {
  if (/(^|\/)(README\.md|\.gitkeep)$/.test(path)) return false;
  return /^(advisories|incidents|inventory\/products)\//.test(path) && kindOf(path) === undefined;
}

function parseTyped<S extends z.ZodType>(
  file: string,
  schema: S,
  yamlText: string,
  lineOffset: number,
  findings: Finding[],
  brokenIds: Set<string>,
): Doc<z.infer<S>> | undefined {
  const parsed = parseYaml(yamlText, file, lineOffset);
  if (!parsed.ok) {
    findings.push(...parsed.findings);
    return undefined;
  }
  const { value, positions } = parsed.parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    findings.push(
      fileFinding(
        file,
        "expected a YAML mapping of fields at the top level",
        "see the schema in schemas/json/",
        "PSIRT-E010",
      ),
    );
    return undefined;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    findings.push(...schemaFindings(file, schema, result.error.issues, value, positions));
    const id = (value as { id?: unknown }).id;
    if (typeof id === "string") brokenIds.add(id);
    return undefined;
  }
  return { file, data: result.data, positions };
}

export interface LoadOptions {
  /**
   * Every path in the repository, when `files` holds only some of them (validation of the files a
   * pull request touches): existence checks (SBOM paths) use it.
   */
  allPaths?: Iterable<string>;
}

export async function loadRepository(
  files: readonly RepoFile[],
  options: LoadOptions = {},
): Promise<{ model: Model; findings: Finding[] }> {
  const findings: Finding[] = [];
  const model: Model = {
    products: new Map(),
    advisories: [],
    incidents: [],
    sboms: new Map(),
    paths: new Set(options.allPaths ?? files.map((f) => f.path)),
    brokenIds: new Set(),
  };
  const sbomBytes = new Map<string, Uint8Array>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  for (const { path, bytes, special } of sorted) {
    if (special !== undefined) {
      findings.push(
        fileFinding(
          path,
          `file is not read: it is ${special}, and content files must be regular files (links are never followed, since pull-request content is untrusted)`,
          special === "a symbolic link"
            ? "replace the link with a copy of the file it points to"
            : "replace it with a regular file or delete it",
        ),
      );
      continue;
    }
    const kind = kindOf(path);
    if (!kind) {
      if (isStray(path)) {
        findings.push({
          ...fileFinding(
            path,
            "file is not read: unexpected name or extension in a content folder",
            "advisories are <ID>.mdx, incidents <ID>.yaml, products <id>.yaml",
            "PSIRT-W001",
          ),
          severity: "warning",
        });
      }
      continue;
    }
    if (kind === "sbom") {
      sbomBytes.set(path, bytes);
      continue;
    }
    // Links to a document that fails to load are not reported again: its own findings say why.
    const before = findings.length;
    const markBroken = () => {
      if (findings.length > before)
        model.brokenIds.add(path.replace(/^.*\//, "").replace(/\.(ya?ml|mdx)$/, ""));
    };
    const decoded = decodeText(path, bytes);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      markBroken();
      continue;
    }
    const text = decoded.text;
    try {
      if (kind === "advisory") {
        const split = splitFrontMatter(path, text);
        if (!split.ok) {
          findings.push(split.finding);
          markBroken();
          continue;
        }
        const { yaml, yamlLineOffset, body, bodyLine } = split.split;
        const doc = parseTyped(path, AdvisoryFrontMatter, yaml, yamlLineOffset, findings, model.brokenIds);
        findings.push(...parseMdxBody(path, body, bodyLine).findings);
        if (doc) model.advisories.push({ ...doc, body, bodyLine });
      } else if (kind === "incident") {
        const doc = parseTyped(path, Incident, text, 0, findings, model.brokenIds);
        if (doc) model.incidents.push(doc);
      } else if (kind === "product") {
        const doc = parseTyped(path, Product, text, 0, findings, model.brokenIds);
        if (doc) {
          if (model.products.has(doc.data.id)) {
            const pos = doc.positions.at("/id");
            findings.push({
              code: "PSIRT-E021",
              severity: "error",
              file: path,
              pointer: "/id",
              ...pos,
              message: `duplicate product id "${doc.data.id}": also in ${model.products.get(doc.data.id)!.file}`,
              hint: "product ids must be unique; rename one",
            });
          } else model.products.set(doc.data.id, doc);
        }
      } else if (kind === "recipients") {
        const doc = parseTyped(path, Recipients, text, 0, findings, model.brokenIds);
        if (doc) model.recipients = doc;
      } else if (kind === "feeds") {
        parseTyped(path, FeedsConfig, text, 0, findings, model.brokenIds);
      } else {
        const doc = parseTyped(path, Vendor, text, 0, findings, model.brokenIds);
        if (doc) model.vendor = doc;
      }
    } finally {
      markBroken();
    }
  }

  // SBOMs referenced by product versions are validated; the rest are warned about.
  const referenced = new Set<string>();
  for (const product of model.products.values())
    for (const v of product.data.versions) if (v.sbom) referenced.add(v.sbom);
  for (const [path, bytes] of sbomBytes) {
    if (!referenced.has(path)) {
      findings.push({
        ...fileFinding(
          path,
          "SBOM is not referenced by any product version",
          "add it as `sbom:` of a version in inventory/products/, or delete it",
          "PSIRT-W025",
        ),
        severity: "warning",
      });
      continue;
    }
    const { sbom, findings: sbomFindings } = await loadSbom(path, bytes);
    findings.push(...sbomFindings);
    if (sbom && !sbomFindings.some((f) => f.severity === "error" && f.code !== "PSIRT-E027"))
      model.sboms.set(path, sbom);
  }
  return { model, findings };
}
