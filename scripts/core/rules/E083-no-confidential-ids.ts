/**
 * A published advisory never names an incident or an unpublished advisory: incidents are
 * confidential, and the build refuses output that contains their ids.
 */
import type { Finding } from "../finding.ts";
import { publication } from "../publish/select.ts";
import { findingAt, type Rule } from "./rule.ts";

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
    const pattern = /\b[A-Z][A-Z0-9]{1,9}-(?:SA|IR)-\d{4}-\d{4,}\b/g;
    for (const adv of model.advisories) {
      if (!publication(adv, model.vendor?.data, now).published) continue;
      const { incident: _link, ...rest } = adv.data;
      const text = `${JSON.stringify(rest)}\n${adv.body}`;
      for (const m of new Set(text.match(pattern) ?? [])) {
        const why = secret.get(m);
        if (!why || m === adv.data.id) continue;
        const bodyLine = adv.body.split("\n").findIndex((l) => l.includes(m));
        const f = findingAt(
          adv,
          "",
          "PSIRT-E083",
          `this published advisory mentions ${m}, ${why}`,
          "remove the id from the advisory's text; link the incident only through the `incident:` field",
        );
        if (bodyLine >= 0) {
          f.line = adv.bodyLine + bodyLine;
          f.pointer = "/body";
        }
        findings.push(f);
      }
    }
    return findings;
  },
};
