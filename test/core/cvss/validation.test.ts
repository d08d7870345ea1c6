/** Strict parsing: each rule of docs/cvss.md rejects its vector with a message naming the problem. */
import { describe, expect, it } from "vitest";
import { parseCvss, parseVersionOf, scoreCvss } from "../../../scripts/core/cvss/index.ts";

const V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
const V2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P";

const INVALID: readonly [rule: string, vector: string, message: string][] = [
  // prefixes and versions
  ["empty", "", "empty vector"],
  [
    "unsupported version",
    "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    'unsupported version prefix "CVSS:3.2/"',
  ],
  ["lower-case prefix", "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "prefix is case-sensitive"],
  ["v3 without prefix", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 'missing "CVSS:3.1/"'],
  [
    "v4 without prefix (spec §7)",
    "AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
    'missing "CVSS:4.0/"',
  ],
  [
    "v4 metrics under a v3.1 prefix",
    "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    'unknown CVSS v3.1 metric "AT"',
  ],
  ["prefix only", "CVSS:4.0", 'no metrics after the "CVSS:4.0" prefix'],
  ["prefix and slash only", "CVSS:3.1/", "CVSS v3.1 vector has no metrics"],
  ["v2 with NVD prefix", `CVSS2#${V2}`, "CVSS v2.0 vectors are written bare"],
  ["v2 in parentheses", `(${V2})`, "CVSS v2.0 vectors are written bare"],
  ["surrounding whitespace", ` ${V31}`, "leading or trailing whitespace"],
  ["trailing whitespace, v2", `${V2} `, "leading or trailing whitespace"],
  ["not a vector", "hello", "not a CVSS vector"],
  // syntax
  ["trailing slash", `${V31}/`, "empty metric"],
  ["double slash", "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty metric"],
  ["no colon", "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 'malformed metric "AVN"'],
  ["two colons", "CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 'malformed metric "AV:N:L"'],
  ["empty value", "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 'malformed metric "AV:"'],
  // unknown metric (spec §7: "ui" is not a valid metric abbreviation)
  [
    "v4 lower-case metric",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
    'unknown CVSS v4.0 metric "ui"; did you mean "UI"?',
  ],
  ["v3 unknown metric", `${V31}/XX:Y`, 'unknown CVSS v3.1 metric "XX"'],
  ["v2 unknown metric", `${V2}/PR:N`, 'unknown CVSS v2.0 metric "PR"'],
  ["v2 lower-case metric", "AV:N/AC:L/au:N/C:P/I:P/A:P", 'unknown CVSS v2.0 metric "au"; did you mean "Au"?'],
  // unknown value (spec §7: "F" is not a valid value for "AV")
  [
    "v4 unknown value",
    "CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
    'invalid value "F" for metric AV (Attack Vector): expected one of N, A, L, P',
  ],
  [
    "v4 base metric cannot be X",
    "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
    'invalid value "X" for metric AV',
  ],
  ["v4 S only on MSI/MSA", `${V40}/MSC:S`, 'invalid value "S" for metric MSC'],
  ["v4 lower-case value", `${V40}/U:red`, 'invalid value "red" for metric U (Provider Urgency)'],
  ["v3 unknown value", "CVSS:3.1/AV:N/AC:L/PR:U/UI:N/S:U/C:H/I:H/A:H", 'invalid value "U" for metric PR'],
  ["v3 v2-style value", `${V31}/E:POC`, 'invalid value "POC" for metric E'],
  ["v2 unknown value", "AV:P/AC:L/Au:N/C:P/I:P/A:P", 'invalid value "P" for metric AV (Access Vector)'],
  ["v2 v3-style not-defined", `${V2}/E:X`, 'invalid value "X" for metric E'],
  // duplicate metric (spec §7: "E" is defined more than once)
  [
    "v4 duplicate",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X",
    "duplicate metric E (Exploit Maturity)",
  ],
  ["v3 duplicate", `${V31}/AV:L`, "duplicate metric AV (Attack Vector)"],
  ["v3 duplicate, same value", `${V31}/E:X/E:X`, "duplicate metric E"],
  ["v2 duplicate", `${V2}/E:F/E:F`, "duplicate metric E"],
  // missing mandatory base metric (spec §7: mandatory metric "VA" is missing)
  [
    "v4 missing VA",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N",
    "missing mandatory base metric VA",
  ],
  [
    "v3 missing S and A",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H",
    "missing mandatory base metrics S (Scope), A (Availability)",
  ],
  ["v3 only temporal", "CVSS:3.1/E:P/RL:O/RC:C", "missing mandatory base metrics AV"],
  ["v2 missing Au", "AV:N/AC:L/C:P/I:P/A:P", "missing mandatory base metric Au (Authentication)"],
  // order (v4.0 §7: "every other ordering is invalid"; v2 guide: "predetermined order")
  [
    "v4 base out of order",
    "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "metric AV is out of order: it must come before AC",
  ],
  [
    "v4 impact interleaved (GHSA)",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N",
    "metric VI is out of order: it must come before SC",
  ],
  ["v4 threat after environmental", `${V40}/CR:H/E:A`, "metric E is out of order: it must come before CR"],
  [
    "v4 supplemental before environmental",
    `${V40}/S:P/MAV:N`,
    "metric MAV is out of order: it must come before S",
  ],
  ["v2 out of order", "AC:L/AV:N/Au:N/C:P/I:P/A:P", "metric AV is out of order: it must come before AC"],
  [
    "v2 temporal before base",
    "E:F/AV:N/AC:L/Au:N/C:P/I:P/A:P",
    "metric AV is out of order: it must come before E",
  ],
];

describe("parseCvss: strict validation", () => {
  it.each(INVALID)("%s: %s", (_rule, vector, message) => {
    const parsed = parseCvss(vector);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
    expect(scoreCvss(vector)).toEqual({ error: expect.stringContaining(message) });
  });

  it("rejects the specification's out-of-order CVSS-BTE example (v4.0 §7)", () => {
    const vector =
      "CVSS:4.0/AC:L/AV:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/CR:L/IR:X/AR:L/RE:H/MAV:A/MAC:H/MAT:N/MUI:P/AT:N/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/E:U/S:N/AU:N/R:I/V:C/U:Green";
    expect(parseCvss(vector)).toMatchObject({ ok: false, error: expect.stringContaining("out of order") });
  });
});

describe("parseCvss: valid vectors", () => {
  const VALID: readonly [string, string][] = [
    ["4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N"],
    ["4.0", "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P"],
    [
      "4.0",
      "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H",
    ],
    [
      "4.0",
      "CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red",
    ],
    ["3.1", "CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/MA:X/E:F"],
    ["3.0", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/IR:X/AR:X"],
    ["2.0", V2],
    ["2.0", `${V2}/E:ND/RL:OF/RC:C/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND`],
    ["2.0", `${V2}/CDP:LM/TD:M`],
  ];

  it.each(VALID)("v%s: %s", (version, vector) => {
    const parsed = parseCvss(vector);
    expect(parsed).toMatchObject({ ok: true, value: { version } });
    expect(parseVersionOf(vector)).toBe(version);
  });

  it("keeps exactly the metrics given, without defaults", () => {
    expect(parseCvss(`${V31}/E:P`)).toEqual({
      ok: true,
      value: {
        version: "3.1",
        metrics: { AV: "N", AC: "L", PR: "N", UI: "N", S: "U", C: "H", I: "H", A: "H", E: "P" },
      },
    });
  });

  it("parseVersionOf recognises prefixes and bare v2 vectors only", () => {
    expect(parseVersionOf(V40)).toBe("4.0");
    expect(parseVersionOf(V31)).toBe("3.1");
    expect(parseVersionOf("CVSS:3.0/AV:N")).toBe("3.0");
    expect(parseVersionOf("AV:N/AC:L")).toBe("2.0");
    expect(parseVersionOf("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")).toBeUndefined();
    expect(parseVersionOf("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toBeUndefined();
    expect(parseVersionOf("")).toBeUndefined();
  });
});
