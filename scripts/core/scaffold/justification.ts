/**
 * Incident analyses use CycloneDX VEX justifications; advisories publish CSAF 2.0 VEX
 * justifications (product status flags). This table maps one to the other; the scaffolded
 * advisory is a draft, so an analyst confirms the choice before publication.
 *
 * | CycloneDX (incident)            | CSAF (advisory)                                    | why |
 * | ---                             | ---                                                | --- |
 * | code_not_present                | vulnerable_code_not_present                        | true whether or not the whole component is absent; change to component_not_present when it is |
 * | code_not_reachable              | vulnerable_code_not_in_execute_path                | same meaning |
 * | requires_configuration          | vulnerable_code_cannot_be_controlled_by_adversary  | the code is present, but the conditions an attacker needs (a configuration, |
 * | requires_dependency             | vulnerable_code_cannot_be_controlled_by_adversary  |   a dependency, an environment) are not there, so the attacker cannot |
 * | requires_environment            | vulnerable_code_cannot_be_controlled_by_adversary  |   drive it |
 * | protected_by_compiler           | inline_mitigations_already_exist                   | a built-in protection prevents exploitation |
 * | protected_at_runtime            | inline_mitigations_already_exist                   | 〃 |
 * | protected_at_perimeter          | inline_mitigations_already_exist                   | 〃 |
 * | protected_by_mitigating_control | inline_mitigations_already_exist                   | 〃 |
 * | (none: false_positive)          | vulnerable_code_not_present                        | the finding was wrong: the vulnerable code is not there |
 */
import type { z } from "zod";
import type { NotAffected } from "../../../schemas/advisory.ts";
import type { Analysis } from "../../../schemas/incident.ts";

export type CycloneDxJustification = NonNullable<z.infer<typeof Analysis>["justification"]>;
export type CsafJustification = z.infer<typeof NotAffected>["justification"];

export const CSAF_JUSTIFICATION: Readonly<Record<CycloneDxJustification, CsafJustification>> = {
  code_not_present: "vulnerable_code_not_present",
  code_not_reachable: "vulnerable_code_not_in_execute_path",
  requires_configuration: "vulnerable_code_cannot_be_controlled_by_adversary",
  requires_dependency: "vulnerable_code_cannot_be_controlled_by_adversary",
  requires_environment: "vulnerable_code_cannot_be_controlled_by_adversary",
  protected_by_compiler: "inline_mitigations_already_exist",
  protected_at_runtime: "inline_mitigations_already_exist",
  protected_at_perimeter: "inline_mitigations_already_exist",
  protected_by_mitigating_control: "inline_mitigations_already_exist",
};

/** The CSAF justification for an incident analysis justification (false positives: code not present). */
export function csafJustification(justification: CycloneDxJustification | undefined): CsafJustification {
  return justification ? CSAF_JUSTIFICATION[justification] : "vulnerable_code_not_present";
}
