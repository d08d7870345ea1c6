/** Document notes of a CSAF document from the advisory's summary and MDX body sections. */
import type { AdvisoryDoc } from "../load/repository.ts";
import { bodyMarkdown, markdownSections } from "../mdx/markdown.ts";
import type { CsafNote } from "./types.ts";

/** Body section titles with a CSAF note category of their own (compared case-insensitively). */
const CATEGORY_BY_TITLE: ReadonlyMap<string, CsafNote["category"]> = new Map([
  ["summary", "summary"],
  ["details", "details"],
  ["description", "description"],
  ["faq", "faq"],
]);

function note(category: CsafNote["category"], text: string, title: string | undefined): CsafNote {
  return title ? { category, text, title } : { category, text };
}

/**
 * Notes in body order: a `## Summary` section becomes the `summary` note, `## Details` the
 * `details` note, every other section (`## Workarounds`, …) a `general` note titled like the
 * section; text before the first heading is an untitled `general` note. The front-matter `summary`
 * comes first as the `summary` note when the body has no Summary section. Empty sections are left out.
 * Note texts are Markdown (scripts/core/mdx/markdown.ts), which CSAF viewers render.
 */
export function documentNotes(adv: AdvisoryDoc): CsafNote[] {
  const notes: CsafNote[] = [];
  let hasSummary = false;
  for (const section of markdownSections(bodyMarkdown(adv.body))) {
    const category = CATEGORY_BY_TITLE.get(section.title.toLowerCase()) ?? "general";
    if (category === "summary") hasSummary = true;
    notes.push(note(category, section.markdown, section.title || undefined));
  }
  if (!hasSummary) notes.unshift(note("summary", adv.data.summary, "Summary"));
  return notes;
}
