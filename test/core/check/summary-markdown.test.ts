/** The Markdown step summary escapes what comes from the files under review. */
import { describe, expect, it } from "vitest";
import { cell, checkSummaryMarkdown, code } from "../../../scripts/core/check/summary-markdown.ts";

describe("step summary", () => {
  it("escapes HTML, pipes, emphasis and line breaks in cells", () => {
    expect(cell("a | b <img src=x> *c*\nd")).toBe("a \\| b &lt;img src=x&gt; \\*c\\* d");
    expect(code("a`b|c")).toBe("`a'b\\|c`");
  });

  it("renders the plan and the findings", () => {
    const md = checkSummaryMarkdown({
      baseRef: "origin/main",
      baseCommit: "0123456789abcdef0123",
      plan: {
        entries: [
          { id: "EXC-SA-2026-0002", action: "publish", revision: "1.0.0", csafDocuments: 2, vex: true },
          {
            id: "EXC-SA-2026-0003",
            action: "unpublished",
            revision: "0.1.0",
            reason: "draft",
            csafDocuments: 0,
            vex: false,
          },
        ],
        feeds: true,
        csafDocuments: 2,
        text: "publishes EXC-SA-2026-0002 (revision 1.0.0); updates feeds; 2 CSAF documents; keeps EXC-SA-2026-0003 unpublished (draft)",
      },
      findings: [
        {
          code: "PSIRT-W130",
          severity: "warning",
          file: "incidents/2026/EXC-IR-2026-0002.yaml",
          pointer: "/treatment/decision",
          line: 9,
          column: 13,
          message: "waits | for <b>",
          hint: "say why",
        },
      ],
    });
    expect(md).toBe(
      [
        "## PSIRT check",
        "",
        "✅ passes: 0 errors, 1 warning (compared with `origin/main` at `0123456789ab`)",
        "",
        "### Publication plan",
        "",
        "Merging publishes EXC-SA-2026-0002 (revision 1.0.0); updates feeds; 2 CSAF documents; keeps EXC-SA-2026-0003 unpublished (draft).",
        "",
        "| advisory | change | revision | CSAF documents |",
        "| --- | --- | --- | --- |",
        "| EXC-SA-2026-0002 | publishes (new) | 1.0.0 | 2 (advisory + VEX) |",
        "| EXC-SA-2026-0003 | stays unpublished (draft) | 0.1.0 | – |",
        "",
        "### Findings",
        "",
        "| severity | code | where | message |",
        "| --- | --- | --- | --- |",
        "| ⚠️ warning | PSIRT-W130 | `incidents/2026/EXC-IR-2026-0002.yaml:9` | waits \\| for &lt;b&gt;<br>*hint:* say why |",
        "",
        "",
      ].join("\n"),
    );
  });
});
