// Types for the parts of @secvisogram/csaf-validator-lib 2.0.10 that scripts/core/csaf/validate.ts
// uses. The package ships JavaScript without a package entry point or declarations.

declare module "@secvisogram/csaf-validator-lib/lib/validate.js" {
  /** One message of a test, pointing into the document. */
  export interface Message {
    message: string;
    instancePath: string;
  }
  export interface TestResult {
    isValid?: boolean;
    warnings?: Message[];
    errors?: Message[];
    infos?: Message[];
  }
  /** A document test; its function name is the test's identifier (`mandatoryTest_6_1_1`). */
  export type DocumentTest = (doc: unknown) => TestResult | Promise<TestResult>;
  export interface ValidationResult {
    isValid: boolean;
    tests: { name: string; isValid: boolean; errors: Message[]; warnings: Message[]; infos: Message[] }[];
  }
  /**
   * Runs `tests` on `doc`. Unlike validateStrict.js it does not check that the tests come from the
   * library, and so does not load the informative tests (network, hunspell) to compare against.
   */
  export default function validate(tests: DocumentTest[], doc: unknown): Promise<ValidationResult>;
}

declare module "@secvisogram/csaf-validator-lib/schemaTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";
  /** CSAF 2.0 JSON schema, with `additionalProperties: false` everywhere. */
  export const csaf_2_0_strict: DocumentTest;
  export const csaf_2_0: DocumentTest;
}

declare module "@secvisogram/csaf-validator-lib/mandatoryTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";
  // CSAF 2.0 section 6.1
  export const mandatoryTest_6_1_1: DocumentTest;
  export const mandatoryTest_6_1_2: DocumentTest;
  export const mandatoryTest_6_1_3: DocumentTest;
  export const mandatoryTest_6_1_4: DocumentTest;
  export const mandatoryTest_6_1_5: DocumentTest;
  export const mandatoryTest_6_1_6: DocumentTest;
  export const mandatoryTest_6_1_7: DocumentTest;
  export const mandatoryTest_6_1_8: DocumentTest;
  export const mandatoryTest_6_1_9: DocumentTest;
  export const mandatoryTest_6_1_10: DocumentTest;
  export const mandatoryTest_6_1_11: DocumentTest;
  export const mandatoryTest_6_1_12: DocumentTest;
  export const mandatoryTest_6_1_13: DocumentTest;
  export const mandatoryTest_6_1_14: DocumentTest;
  export const mandatoryTest_6_1_15: DocumentTest;
  export const mandatoryTest_6_1_16: DocumentTest;
  export const mandatoryTest_6_1_17: DocumentTest;
  export const mandatoryTest_6_1_18: DocumentTest;
  export const mandatoryTest_6_1_19: DocumentTest;
  export const mandatoryTest_6_1_20: DocumentTest;
  export const mandatoryTest_6_1_21: DocumentTest;
  export const mandatoryTest_6_1_22: DocumentTest;
  export const mandatoryTest_6_1_23: DocumentTest;
  export const mandatoryTest_6_1_24: DocumentTest;
  export const mandatoryTest_6_1_25: DocumentTest;
  export const mandatoryTest_6_1_26: DocumentTest;
  export const mandatoryTest_6_1_27_1: DocumentTest;
  export const mandatoryTest_6_1_27_2: DocumentTest;
  export const mandatoryTest_6_1_27_3: DocumentTest;
  export const mandatoryTest_6_1_27_4: DocumentTest;
  export const mandatoryTest_6_1_27_5: DocumentTest;
  export const mandatoryTest_6_1_27_6: DocumentTest;
  export const mandatoryTest_6_1_27_7: DocumentTest;
  export const mandatoryTest_6_1_27_8: DocumentTest;
  export const mandatoryTest_6_1_27_9: DocumentTest;
  export const mandatoryTest_6_1_27_10: DocumentTest;
  export const mandatoryTest_6_1_27_11: DocumentTest;
  export const mandatoryTest_6_1_28: DocumentTest;
  export const mandatoryTest_6_1_29: DocumentTest;
  export const mandatoryTest_6_1_30: DocumentTest;
  export const mandatoryTest_6_1_31: DocumentTest;
  export const mandatoryTest_6_1_32: DocumentTest;
  export const mandatoryTest_6_1_33: DocumentTest;
}

declare module "@secvisogram/csaf-validator-lib/optionalTests.js" {
  import type { DocumentTest } from "@secvisogram/csaf-validator-lib/lib/validate.js";
  // CSAF 2.0 section 6.2
  export const optionalTest_6_2_1: DocumentTest;
  export const optionalTest_6_2_2: DocumentTest;
  export const optionalTest_6_2_3: DocumentTest;
  export const optionalTest_6_2_4: DocumentTest;
  export const optionalTest_6_2_5: DocumentTest;
  export const optionalTest_6_2_6: DocumentTest;
  export const optionalTest_6_2_7: DocumentTest;
  export const optionalTest_6_2_8: DocumentTest;
  export const optionalTest_6_2_9: DocumentTest;
  export const optionalTest_6_2_10: DocumentTest;
  export const optionalTest_6_2_11: DocumentTest;
  export const optionalTest_6_2_12: DocumentTest;
  export const optionalTest_6_2_13: DocumentTest;
  export const optionalTest_6_2_14: DocumentTest;
  export const optionalTest_6_2_15: DocumentTest;
  export const optionalTest_6_2_16: DocumentTest;
  export const optionalTest_6_2_17: DocumentTest;
  export const optionalTest_6_2_18: DocumentTest;
  export const optionalTest_6_2_19: DocumentTest;
  export const optionalTest_6_2_20: DocumentTest;
}

declare module "@secvisogram/csaf-validator-lib/cwe.js" {
  /** The CWE catalogue that CSAF 2.0 mandatory test 6.1.11 checks names against. */
  export const weaknesses: readonly { id: string; name: string }[];
}
