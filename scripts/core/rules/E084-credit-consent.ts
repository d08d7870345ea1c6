/**
 * An advisory credits a reporter only with their consent: when the incident it discloses records
 * `source.reporter.credit: false`, the reporter's name appears neither in its acknowledgments nor
 * anywhere in its text. (The scaffold honours consent; this catches what is added by hand.)
 */
import type { Finding } from "../finding.ts";
import { advisoryText, advisoryTextFinding, findingAt, type Rule } from "./rule.ts";

const normalize = (s: string): string => s.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();

/** Whether `text` contains `name` as whole words (case and spacing ignored). */
function mentions(text: string, name: string): boolean {
  const n = normalize(name);
  if (n.length < 3) return false;
  const t = normalize(text);
  for (let at = t.indexOf(n); at !== -1; at = t.indexOf(n, at + 1)) {
    const before = at === 0 ? "" : t[at - 1]!;
    const after = t[at + n.length] ?? "";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

export const rule: Rule = {
  codes: ["PSIRT-E084"],
  severity: "error",
  summary: "an advisory does not name a reporter who declined credit",
  check({ model }) {
    const findings: Finding[] = [];
    const incidents = new Map(model.incidents.map((i) => [i.data.id, i]));
    for (const adv of model.advisories) {
      const incident = adv.data.incident ? incidents.get(adv.data.incident) : undefined;
      const reporter = incident?.data.source.reporter;
      if (!reporter || reporter.credit) continue;
      const hint = `${incident!.data.id} records that ${reporter.name} declined credit (source.reporter.credit: false): remove the name, or record their consent in the incident first`;
      let named = false;
      adv.data.acknowledgments.forEach((a, i) => {
        a.names.forEach((n, j) => {
          if (!mentions(n, reporter.name)) return;
          named = true;
          findings.push(
            findingAt(
              adv,
              `/acknowledgments/${i}/names/${j}`,
              "PSIRT-E084",
              `the acknowledgments credit ${reporter.name}, who declined credit`,
              hint,
            ),
          );
        });
      });
      if (named) continue;
      if (!mentions(advisoryText(adv), reporter.name)) continue;
      findings.push(
        advisoryTextFinding(
          adv,
          (line) => mentions(line, reporter.name),
          "PSIRT-E084",
          `the advisory names ${reporter.name}, who declined credit`,
          hint,
        ),
      );
    }
    return findings;
  },
};
