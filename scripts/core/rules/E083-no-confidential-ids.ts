/**
 * A published advisory never names an incident or an unpublished advisory: incidents are
 * confidential, and the build refuses output that contains their ids. Ids are recognized the way
 * a reader sees them once rendered (see idsIn).
 */
import type { Finding } from "../finding.ts";
import { publication } from "../publish/select.ts";
import { advisoryText, advisoryTextFinding, type Rule } from "./rule.ts";

export const rule: Rule = {
  codes: ["PSIRT-E083"],
  severity: "error",
  summary: "published advisories do not mention incident ids or unpublished advisories",
  check({ model, now }) {
    const findings: Finding[] = [];
    const secret = new Map<string, string>();
    for (const inc of model.incidents) secret.set(inc.data.id, "an incident (incidents are never published)");
    for (const adv of model.advisories) {
      const p = publication(adv, model.vendor?.data, now);
      if (!p.published) secret.set(adv.data.id, `an advisory that is not published (${p.detail})`);
    }
    if (secret.size === 0) return findings;
    for (const adv of model.advisories) {
      if (!publication(adv, model.vendor?.data, now).published) continue;
      for (const m of idsIn(advisoryText(adv))) {
        const why = secret.get(m);
        if (!why || m === adv.data.id) continue;
        findings.push(
          advisoryTextFinding(
            adv,
            (line) => idsIn(line).has(m),
            "PSIRT-E083",
            `this published advisory mentions ${m}, ${why}`,
            "remove the id from the advisory's text; link the incident only through the `incident:` field",
          ),
        );
      }
    }
    return findings;
  },
};

const ID = /\b[A-Z][A-Z0-9]{1,9}-(?:SA|IR)-\d{4}-\d{4,}\b/gi;

/**
 * The advisory and incident ids a text shows once rendered, in their canonical spelling: any
 * case (`nls-sa-2026-0002.json`), hyphens written as look-alikes (U+2010–U+2015, U+2212, soft
 * hyphen), as HTML entities (`&#x2D;`) or escaped (`NLS\-SA`), and emphasis inside an id
 * (`NLS-IR-2026-000**6**`).
 */
export function idsIn(text: string): Set<string> {
  const rendered = text
    .replace(/&#x([0-9a-f]{1,6});|&#(\d{1,7});|&(hyphen|dash|minus|shy);/gi, (whole, hex, dec, name) => {
      if (name) return "-";
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/[*_`~]/g, "")
    .replace(/[\u00ad\u2010-\u2015\u2212\ufe63\uff0d]/g, "-");
  return new Set((rendered.match(ID) ?? []).map((m) => m.toUpperCase()));
}
