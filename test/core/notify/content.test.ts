/** Notice content: consent to credit, the affected table, the CycloneDX → CSAF justification map. */
import { describe, expect, it } from "vitest";
import type { Incident } from "../../../schemas/incident.ts";
import { consentedAcknowledgments } from "../../../scripts/core/notify/content.ts";
import { escapeHtml, productTableText } from "../../../scripts/core/notify/news.ts";
import { CSAF_JUSTIFICATION, csafJustification } from "../../../scripts/core/scaffold/justification.ts";

const incident = (credit: boolean) =>
  ({
    source: {
      type: "external_report",
      reporter: { name: "Ada Lovelace", organization: "Analytical", credit },
    },
  }) as Incident;

describe("consentedAcknowledgments", () => {
  const acks = [
    { names: ["ada lovelace "], summary: "reporting" },
    { names: [], organization: "Analytical" },
    { names: ["Charles Babbage"], organization: "Analytical" },
  ];

  it("keeps everything when the reporter consented or there is no incident", () => {
    expect(consentedAcknowledgments(acks, incident(true)).withheld).toEqual([]);
    expect(consentedAcknowledgments(acks, undefined).acknowledgments).toHaveLength(3);
  });

  it("withholds entries naming a reporter who did not consent", () => {
    const { acknowledgments, withheld } = consentedAcknowledgments(acks, incident(false));
    expect(withheld).toEqual([acks[0], acks[1]]);
    expect(acknowledgments).toEqual([acks[2]]);
  });
});

describe("productTableText", () => {
  it("aligns columns and adds under investigation only when used", () => {
    const row = {
      product: "w",
      name: "Widget",
      affected: ["1.0.0", "1.0.1"],
      fixed: ["1.1.0"],
      notAffected: [],
      underInvestigation: [],
    };
    expect(productTableText([row])).toBe(
      [
        "Product | Affected versions | Fixed in | Not affected",
        "--------|-------------------|----------|-------------",
        "Widget  | 1.0.0, 1.0.1      | 1.1.0    | —",
      ].join("\n"),
    );
    expect(productTableText([{ ...row, underInvestigation: ["2.0.0"] }])).toContain("| Under investigation");
  });

  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("CSAF justification of an incident analysis", () => {
  it("maps every CycloneDX justification", () => {
    expect(Object.keys(CSAF_JUSTIFICATION)).toHaveLength(9);
    expect(csafJustification("code_not_reachable")).toBe("vulnerable_code_not_in_execute_path");
    expect(csafJustification("requires_environment")).toBe(
      "vulnerable_code_cannot_be_controlled_by_adversary",
    );
    expect(csafJustification("protected_at_perimeter")).toBe("inline_mitigations_already_exist");
    expect(csafJustification(undefined)).toBe("vulnerable_code_not_present");
  });
});
