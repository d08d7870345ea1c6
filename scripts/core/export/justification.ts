/**
 * Advisories state not-affected products with CSAF 2.0 justifications; CycloneDX VEX has its own
 * list. The mapping follows the CISA "Minimum Requirements for VEX" correspondence (the reverse of
 * scripts/core/scaffold/justification.ts, which maps incident analyses to advisories). Where
 * CycloneDX is finer-grained, the broadest fitting value is chosen and the CSAF value is kept in
 * the vulnerability's `psirt:csaf_justification` property.
 *
 * | CSAF 2.0                                           | CycloneDX                       |
 * | ---                                                | ---                             |
 * | component_not_present                              | code_not_present                |
 * | vulnerable_code_not_present                        | code_not_present                |
 * | vulnerable_code_not_in_execute_path                | code_not_reachable              |
 * | vulnerable_code_cannot_be_controlled_by_adversary  | requires_environment            |
 * | inline_mitigations_already_exist                   | protected_by_mitigating_control |
 */
import type { CsafJustification } from "../scaffold/justification.ts";
import type { CdxJustification } from "./cyclonedx.ts";

export const CYCLONEDX_JUSTIFICATION: Readonly<Record<CsafJustification, CdxJustification>> = {
  component_not_present: "code_not_present",
  vulnerable_code_not_present: "code_not_present",
  vulnerable_code_not_in_execute_path: "code_not_reachable",
  vulnerable_code_cannot_be_controlled_by_adversary: "requires_environment",
  inline_mitigations_already_exist: "protected_by_mitigating_control",
};
