import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { csafFileName } from "../../../scripts/core/csaf/filename.ts";
import { CSAF, jsonFiles, readJson } from "./helpers.ts";

const trackingId = (path: string) =>
  (readJson(path) as { document: { tracking: { id: string } } }).document.tracking.id;

describe("csafFileName (CSAF 2.0 section 5.1)", () => {
  it.each(jsonFiles(join(CSAF, "filenames/valid")))("names %s after its tracking id", (path) => {
    expect(csafFileName(trackingId(path))).toBe(basename(path));
  });

  it.each(jsonFiles(join(CSAF, "filenames/invalid")))("does not give %s its (wrong) name", (path) => {
    expect(csafFileName(trackingId(path))).not.toBe(basename(path));
  });

  it.each([
    ["EXC-SA-2026-0001", "exc-sa-2026-0001.json"],
    ["EXC-SA-2026-0001-VEX", "exc-sa-2026-0001-vex.json"],
    ["RHSA-2021:5186", "rhsa-2021_5186.json"],
    ["OASIS: #/CSAF_TC", "oasis_csaf_tc.json"],
    ["a+b.c", "a+b_c.json"],
    ["Ünïcode ID", "_n_code_id.json"],
  ])("%s → %s", (id, name) => {
    expect(csafFileName(id)).toBe(name);
  });

  it("names every OASIS example after its tracking id", () => {
    for (const path of [
      ...jsonFiles(join(CSAF, "examples")),
      ...jsonFiles(join(CSAF, "examples/csaf_vex")),
    ]) {
      expect(csafFileName(trackingId(path)), path).toBe(basename(path));
    }
  });
});
