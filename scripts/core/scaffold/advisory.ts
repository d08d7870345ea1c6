/**
 * Plans a draft advisory from an incident (`psirt advisory new --from-incident <ID>`): the next free
 * id of the current year, status draft, vulnerabilities, product status, CVSS, remediations and
 * (with the reporter's consent only) acknowledgments taken from the incident, a body skeleton, and
 * the incident's `advisory:` link. Pure: model, incident text and `now` in; files to write out.
 */
import { AdvisoryFrontMatter } from "../../../schemas/advisory.ts";
import type { Incident } from "../../../schemas/incident.ts";
import { scoreCvss } from "../cvss/index.ts";
import { CliError, EXIT } from "../exit-codes.ts";
import type { IncidentDoc, Model } from "../load/repository.ts";
import { compileRange } from "../product-versions.ts";
import { isoDate, nextId, takenIds } from "./ids.ts";
import { type PlannedFile, vendorPrefix } from "./incident.ts";
import { csafJustification } from "./justification.ts";
import { renderYaml, setTopLevelString } from "./yaml-edit.ts";

export interface AdvisoryInput {
  /** Use this id instead of the next free one of the current year. */
  id?: string;
  /** Advisory title; default: the incident's title. */
  title?: string;
}

export interface PlannedAdvisory extends PlannedFile {
  id: string;
  /** The incident file with `advisory: <id>` set, format and comments preserved. */
  incident: PlannedFile;
  /** Things the analyst should look at (skipped data, guesses). */
  warnings: string[];
}

type Cvss = NonNullable<Incident["cvss"]>;
interface Entry {
  product: string;
  versions: string;
}

const usage = (message: string) => new CliError(message, EXIT.usage);

/** CVSS with score and severity computed from the vectors; invalid vectors are left out with a warning. */
function scoredCvss(cvss: Cvss | undefined, warnings: string[]): Cvss | undefined {
  if (!cvss) return undefined;
  const out: Cvss = {};
  for (const slot of ["v3", "v4"] as const) {
    const vector = cvss[slot]?.vector;
    if (!vector) continue;
    const r = scoreCvss(vector);
    if ("error" in r || (slot === "v3" ? !r.version.startsWith("3.") : r.version !== "4.0")) {
      warnings.push(`CVSS ${slot} vector "${vector}" left out: ${"error" in r ? r.error : "wrong version"}`);
      continue;
    }
    out[slot] = { vector, score: r.baseScore, severity: r.baseSeverity };
  }
  return out.v3 || out.v4 ? out : undefined;
}

/** Highest base score of a CVSS object (v4 preferred), or -1. */
function topScore(cvss: Cvss | undefined): number {
  const r = scoreCvss(cvss?.v4?.vector ?? cvss?.v3?.vector ?? "");
  return "error" in r ? -1 : r.baseScore;
}

function pushUnique(list: Entry[], entry: Entry): void {
  if (!list.some((e) => e.product === entry.product && e.versions === entry.versions)) list.push(entry);
}

/** Markdown text safe in an MDX body: no braces or angle brackets that MDX would parse as code. */
const mdx = (text: string): string => text.replace(/[\\{}<>]/g, (c) => `\\${c}`);

function productStatus(model: Model, incident: Incident, warnings: string[]) {
  const known_affected: Entry[] = [];
  const fixed: Entry[] = [];
  const under_investigation: Entry[] = [];
  const known_not_affected: (Entry & { justification: string; statement: string })[] = [];
  const fixedIn: Entry[] = [];
  for (const a of incident.analysis) {
    const entry = { product: a.product, versions: a.versions };
    if (a.state === "exploitable") pushUnique(known_affected, entry);
    else if (a.state === "in_triage") pushUnique(under_investigation, entry);
    else if (a.state === "resolved") pushUnique(fixed, entry);
    else
      known_not_affected.push({
        ...entry,
        justification: csafJustification(a.justification),
        statement:
          a.details ??
          (a.state === "false_positive"
            ? "Analysis showed the finding to be a false positive: the vulnerable code is not present."
            : "Analysis showed these versions are not affected."),
      });
    if (a.fixed_in) pushUnique(fixedIn, { product: a.product, versions: a.fixed_in });
  }
  for (const f of fixedIn) {
    const product = model.products.get(f.product);
    const scheme = product?.data.version_scheme ?? "semver";
    const shipped = product?.data.versions.some((v) => v.version === f.versions);
    const inside = known_affected.some(
      (k) =>
        k.product === f.product &&
        compileRange(k.versions, scheme).ok &&
        rangeHas(k.versions, scheme, f.versions),
    );
    if (!shipped)
      warnings.push(
        `fixed_in ${f.versions} of ${f.product} is not in inventory/products/${f.product}.yaml yet: not listed as fixed (add the version, then the fixed entry)`,
      );
    else if (inside)
      warnings.push(
        `fixed_in ${f.versions} of ${f.product} lies inside an affected range: not listed as fixed`,
      );
    else pushUnique(fixed, f);
  }
  return { known_affected, fixed, known_not_affected, under_investigation, fixedIn };
}

function rangeHas(range: string, scheme: string, version: string): boolean {
  const r = compileRange(range, scheme);
  return r.ok && r.contains(version);
}

function remediations(model: Model, incident: Incident, status: ReturnType<typeof productStatus>) {
  const out: { category: string; details: string; products: string[] }[] = [];
  const affected = [...new Set(status.known_affected.map((e) => e.product))];
  for (const id of affected) {
    const name = model.products.get(id)?.data.name ?? id;
    const versions = status.fixedIn.filter((f) => f.product === id).map((f) => f.versions);
    if (versions.length > 0)
      out.push({
        category: "vendor_fix",
        details: `Update ${name} to ${versions.join(" or ")} or later.`,
        products: [id],
      });
    else {
      const t = incident.treatment;
      out.push({
        category: "none_available",
        details: t?.release
          ? `A fix is planned for ${name} ${t.release}${t.target_date ? ` (target ${t.target_date})` : ""}; until then apply the workarounds.`
          : `No fixed version of ${name} is available yet; apply the workarounds.`,
        products: [id],
      });
    }
  }
  return out;
}

function references(ids: readonly string[]) {
  const out: { url: string; summary: string }[] = [];
  for (const id of ids) {
    if (id.startsWith("CVE-"))
      out.push({ url: `https://www.cve.org/CVERecord?id=${id}`, summary: `${id} in the CVE List` });
    else if (id.startsWith("GHSA-"))
      out.push({
        url: `https://github.com/advisories/${id}`,
        summary: `${id} in the GitHub Advisory Database`,
      });
  }
  return out;
}

/** Plans `advisories/<YYYY>/<ID>.mdx` for `incident` and the incident's link to it. */
export function planAdvisory(
  model: Model,
  incident: IncidentDoc,
  incidentText: string,
  input: AdvisoryInput,
  now: Date,
): PlannedAdvisory {
  const prefix = vendorPrefix(model);
  const inc = incident.data;
  if (inc.advisory)
    throw usage(
      `incident ${inc.id} already links advisory ${inc.advisory}: edit that advisory, or remove the link first`,
    );
  const today = isoDate(now);
  const year = Number(today.slice(0, 4));
  const taken = takenIds(model, "SA");
  let id = input.id;
  if (id !== undefined) {
    if (!new RegExp(`^${prefix}-SA-\\d{4}-\\d{4,}$`).test(id))
      throw usage(`--id "${id}" must look like ${prefix}-SA-${year}-NNNN (the vendor prefix)`);
    if (taken.has(id)) throw usage(`advisory ${id} already exists`);
  } else id = nextId(prefix, "SA", year, taken);

  const warnings: string[] = [];
  const title = input.title ?? inc.title;
  const status = productStatus(model, inc, warnings);
  const exploitable = inc.analysis.filter((a) => a.state === "exploitable" && a.cvss);
  const cvssSource =
    inc.cvss ?? exploitable.map((a) => a.cvss).sort((a, b) => topScore(b) - topScore(a))[0] ?? undefined;
  const cvss = scoredCvss(cvssSource, warnings);
  const cves = inc.vulnerabilities.filter((v) => v.startsWith("CVE-"));
  const others = inc.vulnerabilities.filter((v) => !v.startsWith("CVE-"));
  if (cves.length > 1 && others.length > 0)
    warnings.push(`aliases ${others.join(", ")} were put on ${cves[0]}: move each to the CVE it belongs to`);
  const products = Object.fromEntries(
    (["known_affected", "fixed", "known_not_affected", "under_investigation"] as const)
      .filter((k) => status[k].length > 0)
      .map((k) => [k, status[k]]),
  );
  const rems = remediations(model, inc, status);
  const vuln = (cve: string | undefined, aliases: string[], vtitle: string) => ({
    ...(cve ? { cve } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    title: vtitle,
    ...(cvss ? { cvss } : {}),
    products,
    ...(rems.length > 0 ? { remediations: rems } : {}),
  });
  const vulnerabilities =
    cves.length === 0
      ? [vuln(undefined, others, title)]
      : cves.map((cve, i) => vuln(cve, i === 0 ? others : [], cves.length > 1 ? `${title} (${cve})` : title));
  if (status.known_affected.length + status.under_investigation.length === 0)
    warnings.push(
      `incident ${inc.id} has no exploitable or in_triage analysis: the draft lists no affected products`,
    );

  const name = (p: string) => model.products.get(p)?.data.name ?? p;
  const affectedNames = [...new Set(status.known_affected.map((e) => name(e.product)))];
  const what = cves.length > 0 ? cves.join(", ") : "a vulnerability";
  const summary =
    affectedNames.length > 0
      ? `${affectedNames.join(", ")} ${affectedNames.length === 1 ? "is" : "are"} affected by ${what}. ${
          rems.some((r) => r.category === "vendor_fix")
            ? "Update to the fixed version."
            : "Apply the workarounds."
        }`
      : `${title}.`;

  const reporter = inc.source.reporter;
  const acknowledgments = reporter?.credit
    ? [
        {
          names: [reporter.name],
          ...(reporter.organization ? { organization: reporter.organization } : {}),
          summary:
            inc.source.type === "cert"
              ? "coordinating the disclosure of this vulnerability"
              : "reporting this vulnerability",
        },
      ]
    : [];
  const refs = references(inc.vulnerabilities);
  const front = {
    id,
    title,
    status: "draft",
    tlp: "WHITE",
    ...(inc.embargo_until ? { embargo_until: inc.embargo_until } : {}),
    incident: inc.id,
    summary,
    revisions: [{ version: "0.1.0", date: today, summary: "Draft" }],
    vulnerabilities,
    ...(acknowledgments.length > 0 ? { acknowledgments } : {}),
    ...(refs.length > 0 ? { references: refs } : {}),
  };
  const parsed = AdvisoryFrontMatter.safeParse(front);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(
      `the draft advisory would be invalid at /${issue.path.join("/")}: ${issue.message} (check incident ${inc.id})`,
      EXIT.findings,
    );
  }

  const remediationText = rems.map((r) => `- ${mdx(r.details)}`).join("\n");
  const body = [
    "## Summary",
    mdx(summary),
    "## Details",
    "Describe the vulnerability, the affected component and what an attacker can do with it.",
    "## Workarounds",
    "Describe what customers who cannot update yet can do, or state that no workaround exists.",
    "## Remediation",
    remediationText || "Describe how customers fix the vulnerability.",
  ].join("\n\n");
  const text = `---\n${renderYaml(front)}---\n\n${body}\n`;
  const incidentEdited = setTopLevelString(incidentText, incident.file, "advisory", id, [
    "timeline",
    "notes",
  ]);
  return {
    id,
    path: `advisories/${id.split("-")[2]}/${id}.mdx`,
    text,
    incident: { path: incident.file, text: incidentEdited },
    warnings,
  };
}
