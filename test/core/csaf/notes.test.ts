import { describe, expect, it } from "vitest";
import { documentNotes } from "../../../scripts/core/csaf/notes.ts";
import { loadFixture } from "./helpers.ts";

describe("documentNotes", async () => {
  const model = await loadFixture("repo-min");
  const adv = model.advisories[0]!;
  const withBody = (body: string) => ({ ...adv, body });

  it("puts the front-matter summary first when the body has no Summary section", () => {
    expect(
      documentNotes(withBody("## Workarounds\n\nBlock port 8443.\n\n## FAQ\n\nIs 0.9 affected? No.\n")),
    ).toEqual([
      { category: "summary", text: adv.data.summary, title: "Summary" },
      { category: "general", text: "Block port 8443.", title: "Workarounds" },
      { category: "faq", text: "Is 0.9 affected? No.", title: "FAQ" },
    ]);
  });

  it("matches section titles case-insensitively and leaves out empty sections", () => {
    expect(documentNotes(withBody("## summary\n\nShort.\n\n## DETAILS\n\nLong.\n\n## Empty\n"))).toEqual([
      { category: "summary", text: "Short.", title: "summary" },
      { category: "details", text: "Long.", title: "DETAILS" },
    ]);
  });

  it("treats inherited property names as ordinary titles", () => {
    expect(documentNotes(withBody("## constructor\n\nText.\n"))[1]).toEqual({
      category: "general",
      text: "Text.",
      title: "constructor",
    });
  });

  it("keeps the Markdown of each section (CSAF viewers render notes as Markdown) and turns a Callout into a quote", () => {
    const body =
      '## Details\n\nFrom **the** body.\n\n<Callout type="warning">Update now.</Callout>\n\n```\n## not a heading\n```\n';
    expect(documentNotes(withBody(body))).toEqual([
      { category: "summary", text: adv.data.summary, title: "Summary" },
      {
        category: "details",
        text: "From **the** body.\n\n> **Warning:** Update now.\n\n```\n## not a heading\n```",
        title: "Details",
      },
    ]);
  });
});
