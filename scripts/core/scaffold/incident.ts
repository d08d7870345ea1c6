/**
 * Plans a new incident file (`psirt incident new`, and `match --create-incidents`): the next free
 * id for the year of receipt, state `new`, a `received` timeline event. Pure: takes the loaded
 * model and `now`, returns the path and text to write; the caller writes it with exclusive create.
 */
import { isRealDate } from "../../../schemas/common.ts";
import { Incident } from "../../../schemas/incident.ts";
import { CliError, EXIT } from "../exit-codes.ts";
import type { Model } from "../load/repository.ts";
import { compileRange, productIdHint } from "../product-versions.ts";
import { isoDate, nextId, takenIds } from "./ids.ts";
import { renderYaml } from "./yaml-edit.ts";

export const SOURCE_TYPES = ["external_report", "internal", "feed_match", "customer", "cert"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
type AnalysisState = Incident["analysis"][number]["state"];

/**
 * What a new incident starts with. Only `title` and `source.type` are required; everything else
 * is optional and validated against the inventory (products, version ranges) and the schema.
 */
export interface IncidentInput {
  /** Short title of the case. */
  title: string;
  source: {
    type: SourceType;
    /** Who reported it; `credit` is their consent to be named in the advisory. */
    reporter?: { name: string; organization?: string; email?: string; credit: boolean };
    /** The reporter's, CERT's or feed's reference (VU#…, GHSA-…, an OSV id). */
    reference?: string;
  };
  /** Date of receipt `YYYY-MM-DD`; default: the date of `now`. Decides the id's year. */
  received?: string;
  severity?: Incident["severity"];
  /** CVE / GHSA / OSV ids handled by the case. */
  vulnerabilities?: string[];
  /** Products and version ranges to analyse; `state` defaults to `in_triage`. */
  products?: { product: string; versions: string; state?: AnalysisState; details?: string }[];
  cvss?: Incident["cvss"];
  /** Threat intelligence from feeds (KEV date added, EPSS). */
  intel?: Incident["intel"];
  /** Note on the `received` timeline event (e.g. which feed record opened the case). */
  note?: string;
  notes?: string;
  /** Use this id instead of the next free one (must be free and use the vendor prefix). */
  id?: string;
}

export interface PlannedFile {
  /** Repository-relative path. */
  path: string;
  text: string;
}

export interface PlannedIncident extends PlannedFile {
  id: string;
  data: Incident;
}

export const INCIDENT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/json/incident.schema.json";

const usage = (message: string) => new CliError(message, EXIT.usage);

/** The vendor's id prefix, or a usage error saying why there is none. */
export function vendorPrefix(model: Model): string {
  const prefix = model.vendor?.data.id_prefix;
  if (!prefix)
    throw usage(
      "inventory/vendor.yaml is missing or invalid, so the id prefix is unknown: run `npm run psirt -- validate`",
    );
  return prefix;
}

function checkProducts(model: Model, products: NonNullable<IncidentInput["products"]>): void {
  for (const p of products) {
    const product = model.products.get(p.product);
    if (!product) throw usage(`unknown product "${p.product}": ${productIdHint(model.products.keys())}`);
    const range = compileRange(p.versions, product.data.version_scheme);
    if (!range.ok) throw usage(`--versions "${p.versions}" for ${p.product} does not parse: ${range.error}`);
    if (!product.data.versions.some((v) => range.contains(v.version)))
      throw usage(
        `--versions "${p.versions}" matches no version of ${p.product} (shipped: ${product.data.versions.map((v) => v.version).join(", ")})`,
      );
  }
}

/**
 * Plans `incidents/<YYYY>/<ID>.yaml`. `options.taken` reserves ids planned earlier in the same run
 * (several incidents at once). Throws a CliError (exit 2) for input that would not validate.
 */
export function planIncident(
  model: Model,
  input: IncidentInput,
  now: Date,
  options: { taken?: Iterable<string> } = {},
): PlannedIncident {
  const prefix = vendorPrefix(model);
  const received = input.received ?? isoDate(now);
  if (!isRealDate(received)) throw usage(`--received "${received}" is not a date: use YYYY-MM-DD`);
  if (received > isoDate(new Date(now.getTime() + 86_400_000)))
    throw usage(`--received ${received} is in the future`);
  const year = Number(received.slice(0, 4));
  const taken = takenIds(model, "IR");
  for (const id of options.taken ?? []) taken.add(id);
  let id = input.id;
  if (id !== undefined) {
    if (!new RegExp(`^${prefix}-IR-${year}-\\d{4,}$`).test(id))
      throw usage(`--id "${id}" must look like ${prefix}-IR-${year}-NNNN (vendor prefix, year of receipt)`);
    if (taken.has(id)) throw usage(`incident ${id} already exists`);
  } else id = nextId(prefix, "IR", year, taken);
  if (input.products) checkProducts(model, input.products);

  const source: Record<string, unknown> = { type: input.source.type };
  if (input.source.reporter) {
    const r = input.source.reporter;
    source.reporter = {
      name: r.name,
      ...(r.organization ? { organization: r.organization } : {}),
      ...(r.email ? { email: r.email } : {}),
      credit: r.credit,
    };
  }
  if (input.source.reference) source.reference = input.source.reference;

  const data: Record<string, unknown> = { id, title: input.title, state: "new", source, received };
  if (input.severity) data.severity = input.severity;
  data.vulnerabilities = [...new Set(input.vulnerabilities ?? [])];
  if (input.cvss) data.cvss = input.cvss;
  if (input.intel) data.intel = input.intel;
  data.analysis = (input.products ?? []).map((p) => ({
    product: p.product,
    versions: p.versions,
    state: p.state ?? "in_triage",
    ...(p.details ? { details: p.details } : {}),
  }));
  data.timeline = [{ date: received, event: "received", ...(input.note ? { note: input.note } : {}) }];
  if (input.notes) data.notes = input.notes;

  const parsed = Incident.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw usage(`the new incident would be invalid at /${issue.path.join("/")}: ${issue.message}`);
  }
  return {
    id,
    data: parsed.data,
    path: `incidents/${year}/${id}.yaml`,
    text: `${INCIDENT_SCHEMA_LINE}\n${renderYaml(data)}`,
  };
}
