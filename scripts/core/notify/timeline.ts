/**
 * Records notices in the incident's timeline: one event per kind of recipient (cert_notified,
 * customers_prenotified, customers_notified, reporter_notified) with the date and a note naming the
 * recipients. The incident file is edited in place (comments and layout kept); events go after the
 * last event of the same or an earlier date, so the timeline stays in order. Pure.
 */
import { parseDocument } from "yaml";
import { dateMs } from "../../../schemas/common.ts";
import { insertSequenceItem } from "../scaffold/yaml-edit.ts";

export interface TimelineEntry {
  date: string;
  event: string;
  note: string;
}

/** The schema allows notes of up to 2000 characters: longer recipient lists are shortened. */
export const MAX_NOTE = 2000;

/** `prefix` followed by as many names as fit, then "and N more". */
export function noteListing(prefix: string, names: readonly string[]): string {
  for (let n = names.length; n > 0; n--) {
    const rest = names.length - n;
    const note = `${prefix}${names.slice(0, n).join(", ")}${rest > 0 ? ` and ${rest} more` : ""}.`;
    if (note.length <= MAX_NOTE) return note;
  }
  return `${prefix}${names.length} recipients.`.slice(0, MAX_NOTE);
}

/** The incident text with `entries` added to its timeline (entries already there are not repeated). */
export function recordInTimeline(text: string, file: string, entries: readonly TimelineEntry[]): string {
  let out = text;
  for (const entry of entries) {
    const data = parseDocument(out, { schema: "core" }).toJS() as {
      timeline?: { date?: unknown; event?: unknown; note?: unknown }[];
    };
    const timeline = Array.isArray(data.timeline) ? data.timeline : [];
    if (timeline.some((e) => e.date === entry.date && e.event === entry.event && e.note === entry.note))
      continue;
    const t = dateMs(entry.date);
    let index = timeline.length;
    while (index > 0 && dateMs(String(timeline[index - 1]?.date)) > t) index--;
    out = insertSequenceItem(out, file, "timeline", index, { ...entry });
  }
  return out;
}
