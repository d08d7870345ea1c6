/**
 * A callout's `title` is plain text everywhere: `validate` refuses markup in it (PSIRT-E073), and
 * the Markdown written for CSAF notes and OSV details escapes it, so that even a title that got past
 * validation cannot become a `javascript:` link or raw HTML for a Markdown renderer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toHtml } from "hast-util-to-html";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toHast } from "mdast-util-to-hast";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { documentNotes } from "../../scripts/core/csaf/notes.ts";
import { osvRecord } from "../../scripts/core/export/osv.ts";
import { bodyMarkdown, escapeMarkdown } from "../../scripts/core/mdx/markdown.ts";
import { FIXTURES, tempRepo, validateDir, writeIn } from "../helpers/repo.ts";

const ADVISORY = "advisories/2026/EXC-SA-2026-0001.mdx";
const advisory = readFileSync(join(FIXTURES, "repo-min", ADVISORY), "utf8");
const CALLOUT = '<Callout type="warning">Update now.</Callout>';
const HOSTILE = "[click](javascript:alert(12)) <img src=x onerror=alert(13)>";

/** HTML of Markdown as a viewer renders it (CommonMark + GFM, raw HTML passed through). */
const rendered = (markdown: string) =>
  toHtml(
    toHast(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), {
      allowDangerousHtml: true,
    }),
    { allowDangerousHtml: true },
  );

async function errorsWithTitle(title: string) {
  const root = tempRepo();
  writeIn(
    root,
    ADVISORY,
    advisory.replace(CALLOUT, `<Callout type="warning" title="${title}">Update now.</Callout>`),
  );
  const { findings } = await validateDir(root);
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => [f.file, f.line, f.column, f.code, f.message, f.hint]);
}

describe("callout titles in validation (PSIRT-E073)", () => {
  it.each([
    [HOSTILE, HOSTILE],
    ["Read <b>this</b>", "Read <b>this</b>"],
    ["See https://example.com/fix", "See https://example.com/fix"],
    ["See www.example.com", "See www.example.com"],
    ["Two&#10;# lines", "Two # lines"],
  ])("refuses %j, on the line of the callout", async (title, shown) => {
    expect(await errorsWithTitle(title)).toEqual([
      [
        ADVISORY,
        45,
        1,
        "PSIRT-E073",
        `<Callout>: title "${shown}" is not allowed: a title is one line of plain text, without <, >, [links](…) or URLs`,
        'write the title as plain text (title="Update to 2.4.1"); put links and markup in the callout\'s text',
      ],
    ]);
  });

  it("accepts plain text with punctuation", async () => {
    expect(await errorsWithTitle("Fix for C# clients (v2.4.1): *now* & [soon] | 100% _sure_!")).toEqual([]);
  });
});

describe("callout titles in Markdown (CSAF notes, OSV details)", () => {
  it("escapes every ASCII punctuation character and joins lines", () => {
    expect(escapeMarkdown("a [b](c) <d> *e* _f_ `g` #h\n!i|j\\k")).toBe(
      "a \\[b\\]\\(c\\) \\<d\\> \\*e\\* \\_f\\_ \\`g\\` \\#h \\!i\\|j\\\\k",
    );
  });

  it("a hostile title renders as its text: no link, no HTML element", () => {
    const markdown = bodyMarkdown(`<Callout type="warning" title="${HOSTILE}">Update now.</Callout>\n`);
    expect(markdown).toBe(
      "> **\\[click\\]\\(javascript\\:alert\\(12\\)\\) \\<img src\\=x onerror\\=alert\\(13\\)\\>:** Update now.",
    );
    expect(rendered(markdown)).toBe(
      "<blockquote>\n<p><strong>[click](javascript:alert(12)) &#x3C;img src=x onerror=alert(13)>:</strong> Update now.</p>\n</blockquote>",
    );
  });

  it("reaches CSAF notes and OSV details escaped (a model that was never validated)", async () => {
    const { model } = await validateDir(join(FIXTURES, "repo-min"));
    const adv = model.advisories[0]!;
    const hostile = {
      ...adv,
      body: adv.body.replace(CALLOUT, `<Callout type="warning" title="${HOSTILE}">Update now.</Callout>`),
    };
    const texts = [...documentNotes(hostile).map((n) => n.text), osvRecord(model, hostile).details];
    expect(texts.some((t) => t.includes("\\[click\\]\\(javascript\\:alert\\(12\\)\\)"))).toBe(true);
    for (const text of texts) {
      expect(rendered(text)).not.toMatch(/<a |<img/);
      expect(text).not.toContain("](javascript:");
    }
  });
});
