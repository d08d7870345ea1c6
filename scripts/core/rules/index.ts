/** The rule registry: every cross-file rule `validate` runs, in code order. */
import type { Finding } from "../finding.ts";
import { rule as idMatchesFile } from "./E020-id-matches-file.ts";
import { rule as uniqueIds } from "./E021-unique-ids.ts";
import { rule as linksResolve } from "./E022-links-resolve.ts";
import { rule as productsExist } from "./E023-products-exist.ts";
import { rule as sbomPaths } from "./E025-sbom-paths.ts";
import { rule as recipients } from "./E028-recipients.ts";
import { rule as revisions } from "./E041-revisions.ts";
import { rule as cvss } from "./E050-cvss.ts";
import { rule as cweCatalogue } from "./E063-cwe-catalogue.ts";
import { rule as incidentState } from "./E080-incident-state.ts";
import { rule as timeline } from "./E081-timeline.ts";
import { rule as embargo } from "./E082-embargo.ts";
import { rule as confidentialIds } from "./E083-no-confidential-ids.ts";
import { rule as creditConsent } from "./E084-credit-consent.ts";
import type { Rule, RuleContext } from "./rule.ts";
import { rule as publicGreen } from "./W085-public-green.ts";

export const RULES: readonly Rule[] = [
  idMatchesFile,
  uniqueIds,
  linksResolve,
  productsExist,
  sbomPaths,
  recipients,
  revisions,
  cvss,
  cweCatalogue,
  incidentState,
  timeline,
  embargo,
  confidentialIds,
  creditConsent,
  publicGreen,
];

export function runRules(ctx: RuleContext): Finding[] {
  return RULES.flatMap((r) => r.check(ctx));
}
