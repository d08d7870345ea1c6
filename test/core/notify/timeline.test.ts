/** Format-preserving YAML edits of incident files and timeline recording. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { noteListing, recordInTimeline } from "../../../scripts/core/notify/timeline.ts";
import { insertSequenceItem, setTopLevelString } from "../../../scripts/core/scaffold/yaml-edit.ts";

const INCIDENT = `# header comment
id: X-IR-2026-0001 # trailing comment
title: "Quoted: title"
received: 2026-01-01
notes: >-
  Folded text that is
  longer than one line.
timeline:
  - date: 2026-01-01
    event: received
  # between events
  - date: 2026-01-05
    event: triaged
    note: >-
      folded
      note
# tail comment
`;

describe("recordInTimeline", () => {
  it("appends events in date order and leaves every other byte alone", () => {
    const out = recordInTimeline(INCIDENT, "f", [
      { date: "2026-01-07", event: "cert_notified", note: "to: A <a@x.example>" },
    ]);
    expect(out).toBe(
      INCIDENT.replace(
        "      note\n",
        '      note\n  - date: 2026-01-07\n    event: cert_notified\n    note: "to: A <a@x.example>"\n',
      ),
    );
  });

  it("inserts before later events, and never repeats an identical event", () => {
    const entry = { date: "2026-01-03", event: "reporter_notified", note: "sent" };
    const out = recordInTimeline(INCIDENT, "f", [entry, entry]);
    const events = parse(out).timeline.map((e: { event: string }) => e.event);
    expect(events).toEqual(["received", "reporter_notified", "triaged"]);
    expect(out).toContain("# between events\n");
    expect(out).toContain("# tail comment\n");
    expect(recordInTimeline(out, "f", [entry])).toBe(out);
  });

  it("creates the timeline when there is none, or when it is an empty flow list", () => {
    const e = { date: "2026-01-02", event: "note", note: "n" };
    expect(recordInTimeline("id: x\n", "f", [e])).toBe(
      "id: x\ntimeline:\n  - date: 2026-01-02\n    event: note\n    note: n\n",
    );
    expect(recordInTimeline("id: x\ntimeline: []\nnotes: y\n", "f", [e])).toBe(
      "id: x\ntimeline:\n  - date: 2026-01-02\n    event: note\n    note: n\nnotes: y\n",
    );
  });

  it("keeps the indentation of the existing list", () => {
    const text = "timeline:\n- date: 2026-01-01\n  event: received\n";
    expect(recordInTimeline(text, "f", [{ date: "2026-01-02", event: "note", note: "n" }])).toBe(
      "timeline:\n- date: 2026-01-01\n  event: received\n- date: 2026-01-02\n  event: note\n  note: n\n",
    );
  });
});

describe("setTopLevelString", () => {
  it("inserts a key before the first anchor key that exists", () => {
    const out = setTopLevelString(INCIDENT, "f", "advisory", "X-SA-2026-0001", ["timeline"]);
    expect(out).toBe(INCIDENT.replace("timeline:\n", "advisory: X-SA-2026-0001\ntimeline:\n"));
  });

  it("replaces an existing value in place, comments kept", () => {
    const out = setTopLevelString(INCIDENT, "f", "id", "Y-IR-2026-0002");
    expect(out).toBe(INCIDENT.replace("id: X-IR-2026-0001 #", "id: Y-IR-2026-0002 #"));
  });

  it("refuses files with YAML errors", () => {
    expect(() => setTopLevelString("a: [\n", "bad.yaml", "b", "c")).toThrow(/bad\.yaml: cannot edit/);
  });
});

describe("insertSequenceItem fallback", () => {
  it("uses the Document API for flow sequences with items", () => {
    const out = insertSequenceItem("list: [{a: 1}]\n", "f", "list", 1, { a: 2 });
    expect(parse(out)).toEqual({ list: [{ a: 1 }, { a: 2 }] });
  });
});

describe("noteListing", () => {
  it("lists names, shortening to the schema's 2000 characters", () => {
    expect(noteListing("To: ", ["a", "b"])).toBe("To: a, b.");
    const names = Array.from({ length: 200 }, (_, i) => `Recipient ${i} <r${i}@example.com>`);
    const note = noteListing("To: ", names);
    expect(note.length).toBeLessThanOrEqual(2000);
    expect(note).toMatch(/ and \d+ more\.$/);
  });
});
