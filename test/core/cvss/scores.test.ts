/** Known scores: FIRST specification and example documents, the v2 guide, and NVD-published vectors. */
import { describe, expect, it } from "vitest";
import {
  type CvssResult,
  type CvssVersion,
  scoreCvss,
  severityFromScore,
} from "../../../scripts/core/cvss/index.ts";

type Expected = Partial<Omit<CvssResult, "vector">>;

const KNOWN: readonly [source: string, vector: string, expected: Expected][] = [
  // CVSS v3.1 / v3.0
  [
    "Log4Shell CVE-2021-44228 (NVD)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    { baseScore: 10, baseSeverity: "CRITICAL" },
  ],
  [
    "Spring4Shell CVE-2022-22965 (NVD)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    { baseScore: 9.8, baseSeverity: "CRITICAL" },
  ],
  [
    "Heartbleed CVE-2014-0160 (NVD)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    { baseScore: 7.5, baseSeverity: "HIGH" },
  ],
  [
    "reflected XSS (NVD)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    { baseScore: 6.1, baseSeverity: "MEDIUM" },
  ],
  [
    "local privilege escalation",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    { baseScore: 7.8, baseSeverity: "HIGH" },
  ],
  ["local DoS", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", { baseScore: 5.5, baseSeverity: "MEDIUM" }],
  [
    "information disclosure",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
    { baseScore: 5.3, baseSeverity: "MEDIUM" },
  ],
  ["no impact", "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", { baseScore: 0, baseSeverity: "NONE" }],
  [
    "Shellshock CVE-2014-6271 (NVD)",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    { baseScore: 9.8, baseSeverity: "CRITICAL" },
  ],
  [
    "v3.1 temporal",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C",
    { baseScore: 9.8, temporalScore: 8.5, temporalSeverity: "HIGH", environmentalScore: undefined },
  ],
  [
    "v3.1 temporal + environmental",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L",
    { baseScore: 9.8, temporalScore: 8.8, environmentalScore: 7.6, environmentalSeverity: "HIGH" },
  ],
  [
    "v3.1 environmental lowering scope",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:H/RL:O/RC:C/CR:L/IR:L/AR:H/MAV:A/MPR:L/MS:U",
    { baseScore: 10, temporalScore: 9.5, environmentalScore: 7.6 },
  ],
  [
    "v3.1 revised Modified Impact (3.0 gives 9.6)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/CR:L/IR:M/AR:L/MS:C",
    { environmentalScore: 9.5 },
  ],
  [
    "v3.0 Modified Impact (3.1 gives 9.5)",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N/CR:L/IR:M/AR:L/MS:C",
    { environmentalScore: 9.6 },
  ],
  ["v3.x metrics in any order", "CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", { baseScore: 9.8 }],

  // CVSS v2.0: NVD vectors and the guide's worked examples (section 3.3)
  ["NVD v2 (7.5)", "AV:N/AC:L/Au:N/C:P/I:P/A:P", { baseScore: 7.5, baseSeverity: "HIGH" }],
  ["Heartbleed v2 (NVD)", "AV:N/AC:L/Au:N/C:P/I:N/A:N", { baseScore: 5, baseSeverity: "MEDIUM" }],
  ["NVD v2 XSS", "AV:N/AC:M/Au:N/C:N/I:P/A:N", { baseScore: 4.3, baseSeverity: "MEDIUM" }],
  ["NVD v2 local root", "AV:L/AC:L/Au:N/C:C/I:C/A:C", { baseScore: 7.2, baseSeverity: "HIGH" }],
  ["v2 no impact (NVD: LOW)", "AV:N/AC:L/Au:N/C:N/I:N/A:N", { baseScore: 0, baseSeverity: "LOW" }],
  [
    "v2 guide CVE-2002-0392",
    "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H",
    { baseScore: 7.8, temporalScore: 6.4, environmentalScore: 9.2 },
  ],
  [
    "v2 guide CVE-2003-0818",
    "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L",
    { baseScore: 10, temporalScore: 8.3, environmentalScore: 9 },
  ],
  [
    "v2 guide CVE-2003-0062",
    "AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M",
    { baseScore: 6.2, temporalScore: 4.9, environmentalScore: 7.5 },
  ],
  [
    "v2 half rounds up (9.0 × 0.95 = 8.55)",
    "AV:N/AC:M/Au:N/C:C/I:P/A:C/RL:W",
    { baseScore: 9, temporalScore: 8.6 },
  ],

  // CVSS v4.0: FIRST examples document, NVD, the reference calculator's documentation
  [
    "v4 network, all VS high",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    { baseScore: 9.3, baseSeverity: "CRITICAL", nomenclature: "CVSS-B" },
  ],
  [
    "v4 maximum",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
    { baseScore: 10, baseSeverity: "CRITICAL" },
  ],
  [
    "v4 no impact",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
    { baseScore: 0, baseSeverity: "NONE" },
  ],
  [
    "v4 low VS impact",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N",
    { baseScore: 6.9, baseSeverity: "MEDIUM" },
  ],
  [
    "v4 subsequent only",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H",
    { baseScore: 7.9 },
  ],
  [
    "FIRST v4 examples",
    "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    { baseScore: 7.3 },
  ],
  [
    "FIRST v4 examples",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    { baseScore: 7.7 },
  ],
  [
    "FIRST v4 examples",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N",
    { baseScore: 8.3 },
  ],
  [
    "FIRST v4 examples",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
    { baseScore: 4.6 },
  ],
  [
    "CVE-2024-7657 (NVD)",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
    { baseScore: 5.3 },
  ],
  [
    "E:X is CVSS-B",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X",
    { baseScore: 5.3, nomenclature: "CVSS-B" },
  ],
  [
    "FIRST v4 examples, threat",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    { baseScore: 5.2, baseSeverity: "MEDIUM", nomenclature: "CVSS-BT" },
  ],
  [
    "v4 unreported exploit",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    { baseScore: 8.1, nomenclature: "CVSS-BT" },
  ],
  [
    "v4 maximum, unreported",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U",
    { baseScore: 9.1 },
  ],
  [
    "FIRST v4 examples, environmental",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L",
    { baseScore: 8.1, nomenclature: "CVSS-BE" },
  ],
  [
    "v4 safety impact",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVI:L/MSA:S",
    { baseScore: 9.8, nomenclature: "CVSS-BE" },
  ],
  [
    "cvss40.js documentation",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A",
    { baseScore: 8.7, baseSeverity: "HIGH", nomenclature: "CVSS-BTE" },
  ],
];

describe("scoreCvss: known scores", () => {
  it.each(KNOWN)("%s: %s", (_source, vector, expected) => {
    const result = scoreCvss(vector);
    const present = Object.entries(expected).filter(([, value]) => value !== undefined);
    expect(result).toMatchObject({ vector, ...Object.fromEntries(present) });
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(result).not.toHaveProperty(key);
    }
  });

  it("reports the version and omits temporal/environmental scores for base-only vectors", () => {
    expect(scoreCvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toEqual({
      vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      version: "3.0",
      baseScore: 9.8,
      baseSeverity: "CRITICAL",
    });
  });

  it("treats explicit Not Defined values as undefined groups", () => {
    const result = scoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/MAV:X");
    expect(result).not.toHaveProperty("temporalScore");
    expect(result).not.toHaveProperty("environmentalScore");
  });
});

describe("severityFromScore", () => {
  const cases: [CvssVersion, number, string][] = [
    ["3.1", 0, "NONE"],
    ["3.1", 0.1, "LOW"],
    ["3.1", 3.9, "LOW"],
    ["3.1", 4, "MEDIUM"],
    ["3.1", 6.9, "MEDIUM"],
    ["3.1", 7, "HIGH"],
    ["3.0", 8.9, "HIGH"],
    ["4.0", 9, "CRITICAL"],
    ["4.0", 10, "CRITICAL"],
    ["2.0", 0, "LOW"],
    ["2.0", 3.9, "LOW"],
    ["2.0", 4, "MEDIUM"],
    ["2.0", 6.9, "MEDIUM"],
    ["2.0", 7, "HIGH"],
    ["2.0", 10, "HIGH"],
  ];
  it.each(cases)("v%s %s → %s", (version, score, severity) => {
    expect(severityFromScore(version, score)).toBe(severity);
  });

  it("rejects scores outside 0–10", () => {
    expect(() => severityFromScore("3.1", 10.1)).toThrow(RangeError);
    expect(() => severityFromScore("4.0", -1)).toThrow(RangeError);
    expect(() => severityFromScore("2.0", Number.NaN)).toThrow(RangeError);
  });
});
