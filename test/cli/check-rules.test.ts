/**
 * Each `check` rule on a small git history: the fixture committed as the base, the change in the
 * working tree (or a second commit), the expected finding with its code, file and line.
 */
import { describe, expect, it } from "vitest";
import { checkWorkingTree } from "../../scripts/commands/check.ts";
import type { Finding } from "../../scripts/core/finding.ts";
import {
  ADVISORY,
  advisory,
  type History,
  history,
  INCIDENT,
  incident,
  lineOf,
  NOW,
} from "../core/check/history.ts";

async function check(h: History, base = "HEAD") {
  return checkWorkingTree(h.root, base, NOW);
}

const brief = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`);

function expectOnly(findings: readonly Finding[], code: string, file: string, line: number): Finding {
  const hits = findings.filter((f) => f.code === code);
  expect(
    hits.map((f) => `${f.file}:${f.line}`),
    JSON.stringify(brief(findings), null, 1),
  ).toEqual([`${file}:${line}`]);
  return hits[0]!;
}

const NEW_ADVISORY = "advisories/2026/EXC-SA-2026-0002.mdx";
const NEW_INCIDENT = "incidents/2026/EXC-IR-2026-0002.yaml";
const addRevision = (version: string, date: string, summary: string) => (text: string) =>
  text.replace(
    "    summary: Initial release\n",
    `    summary: Initial release\n  - version: ${version}\n    date: ${date}\n    summary: ${summary}\n`,
  );

describe("check: the unchanged fixture", () => {
  it("has no findings and publishes nothing", async () => {
    const h = history();
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("publishes nothing");
    expect(r.plan.entries).toEqual([]);
  });
});

describe("check: published advisories change only by new revisions", () => {
  it("PSIRT-E101: a published advisory edited without a new revision", async () => {
    const h = history();
    h.edit(ADVISORY, (t) => t.replace("Update now.", "Update to 1.1.0 now."));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E101", ADVISORY, lineOf(h.read(ADVISORY), "revisions:"));
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/EXC-SA-2026-0001 was changed without a new revision.*1\.0\.0/);
    expect(f.hint).toMatch(/1\.0\.1/);
    expect(r.plan.text).toBe(
      "changes EXC-SA-2026-0001 without a new revision (still 1.0.0); updates feeds; 1 CSAF document",
    );
  });

  it("passes when a revision is appended with a higher version and a later date", async () => {
    const h = history();
    h.edit(ADVISORY, (t) =>
      addRevision(
        "1.1.0",
        "2026-04-01",
        "Added the workaround",
      )(t).replace("Update now.", "Update now, or remove the JndiLookup class."),
    );
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("updates EXC-SA-2026-0001 to revision 1.1.0; updates feeds; 1 CSAF document");
  });

  it("PSIRT-E041 (validate): a new revision with a version that does not increase, or dated earlier", async () => {
    const h = history();
    h.edit(ADVISORY, addRevision("0.9.0", "2026-02-01", "Oops"));
    const r = await check(h);
    const text = h.read(ADVISORY);
    const e041 = r.findings.filter((f) => f.code === "PSIRT-E041").map((f) => f.line);
    expect(e041).toEqual([lineOf(text, "version: 0.9.0"), lineOf(text, "date: 2026-02-01")]);
    expect(r.findings.filter((f) => f.code === "PSIRT-E101" || f.code === "PSIRT-E104")).toEqual([]);
  });

  it("PSIRT-E104: a rewritten revision (revision 1.0.0's date changed, e.g. by a rebase)", async () => {
    const h = history();
    h.edit(ADVISORY, (t) =>
      addRevision("1.0.1", "2026-04-01", "Clarified")(t).replace("date: 2026-03-02", "date: 2026-03-01"),
    );
    h.commit("rewrite");
    const r = await check(h, "HEAD~1");
    const f = expectOnly(r.findings, "PSIRT-E104", ADVISORY, lineOf(h.read(ADVISORY), "date: 2026-03-01"));
    expect(f.message).toMatch(/date was "2026-03-02" on the base, found "2026-03-01"/);
    expect(r.findings.filter((x) => x.code === "PSIRT-E101")).toEqual([]);
  });

  it("PSIRT-E104: a removed revision", async () => {
    const h = history({}, "repo-min");
    h.edit(ADVISORY, addRevision("1.0.1", "2026-04-01", "Clarified"));
    h.commit("revision 1.0.1");
    h.edit(ADVISORY, (t) =>
      t.replace("  - version: 1.0.1\n    date: 2026-04-01\n    summary: Clarified\n", ""),
    );
    const r = await check(h);
    expectOnly(r.findings, "PSIRT-E104", ADVISORY, lineOf(h.read(ADVISORY), "revisions:"));
  });

  it("PSIRT-E102: a published advisory deleted", async () => {
    const h = history();
    h.remove(ADVISORY);
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E102", ADVISORY, 1);
    expect(f.message).toMatch(/EXC-SA-2026-0001 was deleted/);
    expect(f.hint).toMatch(/Withdrawn/);
    expect(r.plan.text).toBe("removes EXC-SA-2026-0001 from publication; updates feeds; 1 CSAF document");
  });

  it("PSIRT-E103: a published advisory renamed to a new id", async () => {
    const h = history();
    const text = h.read(ADVISORY).replace("id: EXC-SA-2026-0001", "id: EXC-SA-2026-0002");
    h.remove(ADVISORY);
    h.write(NEW_ADVISORY, text);
    h.edit(INCIDENT, (t) => t.replace("advisory: EXC-SA-2026-0001", "advisory: EXC-SA-2026-0002"));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E103", NEW_ADVISORY, 2);
    expect(f.message).toMatch(/EXC-SA-2026-0001 was renamed to EXC-SA-2026-0002/);
    expect(r.findings.filter((x) => x.code === "PSIRT-E102")).toEqual([]);
  });

  it("PSIRT-E103: the id changed inside the same file", async () => {
    const h = history();
    h.edit(ADVISORY, (t) => t.replace("id: EXC-SA-2026-0001", "id: EXC-SA-2026-0009"));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E103", ADVISORY, 2);
    expect(f.message).toMatch(/had its id changed to EXC-SA-2026-0009/);
  });

  it("PSIRT-E105: a published advisory set back to draft", async () => {
    const h = history();
    h.edit(ADVISORY, (t) =>
      addRevision("1.0.1", "2026-04-01", "Draft again")(t).replace("status: final", "status: draft"),
    );
    const r = await check(h);
    expectOnly(r.findings, "PSIRT-E105", ADVISORY, lineOf(h.read(ADVISORY), "status: draft"));
  });

  it("a withdrawal is a revision: no finding", async () => {
    const h = history();
    h.edit(
      ADVISORY,
      addRevision("2.0.0", "2026-04-01", "'Withdrawn: the widget never shipped the affected library'"),
    );
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toMatch(/^updates EXC-SA-2026-0001 to revision 2\.0\.0/);
  });

  it("an unpublished advisory changes freely", async () => {
    const h = history({
      [NEW_ADVISORY]: advisory({
        id: "EXC-SA-2026-0002",
        status: "draft",
        revisions: [{ version: "0.1.0", date: "2026-11-01", summary: "Draft" }],
      }),
    });
    h.edit(NEW_ADVISORY, (t) => t.replace("title: Denial", "title: Remote denial"));
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("publishes nothing; keeps EXC-SA-2026-0002 unpublished (draft)");
  });
});

describe("check: incident state transitions", () => {
  it("PSIRT-E110: new → analysis skips triage", async () => {
    const h = history({ [NEW_INCIDENT]: incident("EXC-IR-2026-0002", "new") });
    h.edit(NEW_INCIDENT, (t) => t.replace("state: new", "state: analysis"));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E110", NEW_INCIDENT, 3);
    expect(f.message).toBe(
      'incident EXC-IR-2026-0002 moves from "new" to "analysis", skipping "triage": allowed from "new" is "triage" or "closed"',
    );
  });

  it("one step at a time passes, and so does closing a case early as rejected", async () => {
    const h = history({
      [NEW_INCIDENT]: incident("EXC-IR-2026-0002", "new"),
      "incidents/2026/EXC-IR-2026-0003.yaml": incident("EXC-IR-2026-0003", "analysis"),
    });
    h.edit(NEW_INCIDENT, (t) => t.replace("state: new", "state: triage"));
    h.edit("incidents/2026/EXC-IR-2026-0003.yaml", (t) =>
      t.replace("state: analysis", "state: closed\nresolution: rejected"),
    );
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
  });

  it("PSIRT-E110: a step back, and closing as fixed before disclosure", async () => {
    const h = history({
      [NEW_INCIDENT]: incident("EXC-IR-2026-0002", "analysis"),
      "incidents/2026/EXC-IR-2026-0003.yaml": incident("EXC-IR-2026-0003", "analysis"),
    });
    h.edit(NEW_INCIDENT, (t) => t.replace("state: analysis", "state: triage"));
    h.edit("incidents/2026/EXC-IR-2026-0003.yaml", (t) =>
      t.replace("state: analysis", "state: closed\nresolution: fixed\ntreatment:\n  decision: immediate_fix"),
    );
    const r = await check(h);
    const codes = r.findings.filter((f) => f.code === "PSIRT-E110").map((f) => `${f.file}:${f.line}`);
    expect(codes).toEqual([`${NEW_INCIDENT}:3`, "incidents/2026/EXC-IR-2026-0003.yaml:4"]);
  });

  it("PSIRT-E111: re-opened without a `reopened` timeline event; passes with one", async () => {
    const closed = incident("EXC-IR-2026-0002", "closed", ["resolution: rejected"]);
    const h = history({ [NEW_INCIDENT]: closed });
    h.edit(NEW_INCIDENT, (t) =>
      t.replace("state: closed\n", "state: triage\n").replace("resolution: rejected\n", ""),
    );
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E111", NEW_INCIDENT, 3);
    expect(f.message).toMatch(/re-opened \("closed" → "triage"\) without a new `reopened` timeline event/);

    h.edit(
      NEW_INCIDENT,
      (t) =>
        `${t}  - date: 2026-11-02\n    event: reopened\n    note: The reporter sent a new proof of concept.\n`,
    );
    expect(brief((await check(h)).findings)).toEqual([]);
  });

  it("PSIRT-W110 for a new open case beyond triage; PSIRT-W111 for a deleted case file", async () => {
    const h = history({ [NEW_INCIDENT]: incident("EXC-IR-2026-0002", "new") });
    h.remove(NEW_INCIDENT);
    h.write("incidents/2026/EXC-IR-2026-0003.yaml", incident("EXC-IR-2026-0003", "analysis"));
    const r = await check(h);
    expectOnly(r.findings, "PSIRT-W111", NEW_INCIDENT, 1);
    expectOnly(r.findings, "PSIRT-W110", "incidents/2026/EXC-IR-2026-0003.yaml", 3);
    expect(r.findings.every((f) => f.severity === "warning")).toBe(true);
  });
});

describe("check: published CSAF documents change only with a new revision", () => {
  const PRODUCT = "inventory/products/widget.yaml";

  it("PSIRT-W106: a product renamed in the inventory alters a published advisory's CSAF document (a warning)", async () => {
    const h = history();
    h.edit(PRODUCT, (t) => t.replace("name: Example Widget", "name: Example Widget Pro"));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-W106", ADVISORY, lineOf(h.read(ADVISORY), "revisions:"));
    expect(f.severity).toBe("warning");
    expect(f.message).toBe(
      "the change to product widget alters the published CSAF document of EXC-SA-2026-0001 (revision 1.0.0) without a new revision: customers would get other content under the same version",
    );
  });

  it("passes when the advisory gets a new revision in the same change, or the change does not reach its documents", async () => {
    const h = history();
    h.edit(PRODUCT, (t) => t.replace("name: Example Widget", "name: Example Widget Pro"));
    h.edit(ADVISORY, addRevision("1.0.1", "2026-11-21", "Product name updated"));
    expect(brief((await check(h)).findings)).toEqual([]);
    const other = history();
    other.edit(PRODUCT, (t) => t.replace("exposure: internet", "exposure: internal"));
    expect(brief((await check(other)).findings)).toEqual([]);
  });

  /** Ships widget `version`: its product entry and its SBOM (1.1.0's, describing the new version). */
  const ship = (h: ReturnType<typeof history>, version: string, released: string) => {
    const sbom = `inventory/sbom/widget/${version}.cdx.json`;
    h.write(
      sbom,
      h.read("inventory/sbom/widget/1.1.0.cdx.json").replace('"version": "1.1.0"', `"version": "${version}"`),
    );
    h.edit(
      PRODUCT,
      (text) => `${text.trimEnd()}\n  - version: ${version}\n    released: ${released}\n    sbom: ${sbom}\n`,
    );
  };

  it("a new release that a range takes in alters no published document: no PSIRT-W106", async () => {
    // fixed ">=1.1.0" takes in every later release, but covers only those out by 2026-03-02
    const h = history();
    h.edit(ADVISORY, (t) => t.replace("          versions: 1.1.0\n", '          versions: ">=1.1.0"\n'));
    h.commit("fixed from 1.1.0 on");
    ship(h, "1.2.0", "2026-11-22");
    expect(brief((await check(h)).findings)).toEqual([]);
  });

  it("PSIRT-W107: a new release inside an open affected range the advisory does not cover yet", async () => {
    const affected = advisory({ id: "EXC-SA-2026-0002", status: "interim" }).replace(
      "          versions: 1.0.0\n",
      '          versions: ">=1.0.0"\n',
    );
    const h = history({ [NEW_ADVISORY]: affected });
    ship(h, "1.2.0", "2026-11-22");
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-W107", NEW_ADVISORY, lineOf(affected, '">=1.0.0"'));
    expect(f.severity).toBe("warning");
    expect(f.message).toBe(
      'the new release widget 1.2.0 (released 2026-11-22) lies in the known_affected range ">=1.0.0" of EXC-SA-2026-0002, which covers only versions released by its current revision date 2026-11-20: its documents say nothing about it',
    );
    expect(r.findings.filter((x) => x.code === "PSIRT-W106")).toEqual([]);
    // A revision dated on or after the release covers it.
    h.edit(NEW_ADVISORY, addRevision("1.1.0", "2026-11-22", "Widget 1.2.0 is affected as well"));
    expect(brief((await check(h)).findings)).toEqual([]);
  });
});

describe("check: embargo and TLP", () => {
  it("PSIRT-E120: an embargoed advisory made public by removing its embargo", async () => {
    const h = history({
      [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", embargo: "2027-01-15" }),
    });
    h.edit(NEW_ADVISORY, (t) => t.replace("embargo_until: 2027-01-15\n", ""));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E120", NEW_ADVISORY, lineOf(h.read(NEW_ADVISORY), "status:"));
    expect(f.message).toMatch(/under embargo until 2027-01-15 \(on the base\)/);
    expect(r.plan.text).toMatch(/^publishes EXC-SA-2026-0002 \(revision 1\.0\.0\)/);
  });

  it("PSIRT-E120: an embargo moved earlier than now", async () => {
    const h = history({ [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", embargo: "2027-01-15" }) });
    h.edit(NEW_ADVISORY, (t) => t.replace("embargo_until: 2027-01-15", "embargo_until: 2026-11-21"));
    const r = await check(h);
    expectOnly(r.findings, "PSIRT-E120", NEW_ADVISORY, lineOf(h.read(NEW_ADVISORY), "embargo_until:"));
  });

  it("PSIRT-E120: an embargoed advisory deleted and republished under a new id in the same change", async () => {
    const h = history({ [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", embargo: "2027-01-15" }) });
    const renamed = "advisories/2026/EXC-SA-2026-0003.mdx";
    h.remove(NEW_ADVISORY);
    h.write(renamed, advisory({ id: "EXC-SA-2026-0003" }));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E120", renamed, lineOf(h.read(renamed), "status:"));
    expect(f.message).toBe(
      "advisory EXC-SA-2026-0003 would be published by a change that also lifts an embargo early: advisory EXC-SA-2026-0002 (under embargo until 2027-01-15) is deleted",
    );
  });

  it("PSIRT-E120: an incident's embargo removed in a change that publishes an advisory not linked to it", async () => {
    const h = history();
    h.edit(INCIDENT, (t) =>
      t.replace("received: 2026-02-01\n", "received: 2026-02-01\nembargo_until: 2027-01-15\n"),
    );
    h.commit("embargo the incident");
    h.edit(INCIDENT, (t) => t.replace("embargo_until: 2027-01-15\n", ""));
    h.write(NEW_ADVISORY, advisory({ id: "EXC-SA-2026-0002" }));
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E120", NEW_ADVISORY, lineOf(h.read(NEW_ADVISORY), "status:"));
    expect(f.message).toMatch(
      /lifts an embargo early: incident EXC-IR-2026-0001's embargo until 2027-01-15 is removed$/,
    );
  });

  it("an embargo that stays in place schedules the advisory: no finding", async () => {
    const h = history();
    h.write(NEW_ADVISORY, advisory({ id: "EXC-SA-2026-0002", embargo: "2027-01-15" }));
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe(
      "publishes nothing; keeps EXC-SA-2026-0002 unpublished (under embargo until 2027-01-15)",
    );
  });

  it("a TLP:AMBER advisory edited without a TLP change stays unpublished: no finding, nothing published", async () => {
    const h = history({ [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", tlp: "AMBER" }) });
    h.edit(NEW_ADVISORY, (t) => t.replace("is affected.", "is affected; 1.1.0 is not."));
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("publishes nothing; keeps EXC-SA-2026-0002 unpublished (TLP:AMBER)");
  });

  it("a TLP:AMBER advisory whose TLP is lowered in the same change is published: no finding", async () => {
    const h = history({ [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", tlp: "AMBER" }) });
    h.edit(NEW_ADVISORY, (t) => t.replace("tlp: AMBER", "tlp: WHITE"));
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("publishes EXC-SA-2026-0002 (revision 1.0.0); updates feeds; 1 CSAF document");
  });

  it("PSIRT-E121: TLP:GREEN advisories made public by widening site.publish_tlp, not by their own TLP", async () => {
    const h = history({ [NEW_ADVISORY]: advisory({ id: "EXC-SA-2026-0002", tlp: "GREEN" }) });
    h.edit("inventory/vendor.yaml", (t) => `${t}  publish_tlp: [WHITE, GREEN]\n`);
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-E121", NEW_ADVISORY, lineOf(h.read(NEW_ADVISORY), "tlp:"));
    expect(f.message).toMatch(/TLP:GREEN\) would become public without a change of its TLP/);
  });
});

describe("check: treatment urgency", () => {
  it("PSIRT-W130: planned_release for a KEV-listed vulnerability without a reason (a warning)", async () => {
    const analysis = ["analysis:", "  - product: widget", "    versions: 1.0.0", "    state: exploitable"];
    const h = history({ [NEW_INCIDENT]: incident("EXC-IR-2026-0002", "analysis", analysis) });
    const decision = [
      "intel:",
      "  kev_date_added: 2026-10-01",
      "treatment:",
      "  decision: planned_release",
      "  release: 1.2.0",
    ];
    h.edit(NEW_INCIDENT, (t) =>
      t
        .replace("state: analysis", "state: remediation")
        .replace("timeline:", `${decision.join("\n")}\ntimeline:`),
    );
    const r = await check(h);
    const f = expectOnly(r.findings, "PSIRT-W130", NEW_INCIDENT, lineOf(h.read(NEW_INCIDENT), "decision:"));
    expect(f.severity).toBe("warning");
    expect(f.message).toMatch(
      /recommends an immediate fix: known exploited: listed in CISA KEV since 2026-10-01/,
    );
    expect(r.findings.filter((x) => x.severity === "error")).toEqual([]);

    h.edit(NEW_INCIDENT, (t) =>
      t.replace("  release: 1.2.0", "  release: 1.2.0\n  reason: 1.2.0 ships in two days"),
    );
    expect(brief((await check(h)).findings)).toEqual([]);
  });
});

describe("check: the publication plan", () => {
  it("names what becomes public, what gets a revision, what stays unpublished, and counts CSAF documents", async () => {
    const h = history();
    h.edit(ADVISORY, addRevision("1.1.0", "2026-11-20", "Added the VEX statement"));
    h.write(NEW_ADVISORY, advisory({ id: "EXC-SA-2026-0002", notAffected: true }));
    h.write(
      "advisories/2026/EXC-SA-2026-0003.mdx",
      advisory({
        id: "EXC-SA-2026-0003",
        cve: "CVE-2022-0001",
        status: "draft",
        revisions: [{ version: "0.1.0", date: "2026-11-21", summary: "Draft" }],
      }),
    );
    const r = await check(h);
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe(
      "publishes EXC-SA-2026-0002 (revision 1.0.0); updates EXC-SA-2026-0001 to revision 1.1.0; updates feeds; 3 CSAF documents; keeps EXC-SA-2026-0003 unpublished (draft)",
    );
    expect(r.plan.csafDocuments).toBe(3);
    expect(r.plan.entries.map((e) => [e.id, e.action, e.csafDocuments])).toEqual([
      ["EXC-SA-2026-0001", "update", 1],
      ["EXC-SA-2026-0002", "publish", 2],
      ["EXC-SA-2026-0003", "unpublished", 0],
    ]);
  });

  it("compares with the merge base: advisories published on main after the branch started are not 'deleted'", async () => {
    const h = history();
    h.git("checkout", "-q", "-b", "topic");
    h.edit(ADVISORY, addRevision("1.0.1", "2026-04-01", "Clarified"));
    h.commit("topic: revision 1.0.1");
    h.git("checkout", "-q", "main");
    h.write(NEW_ADVISORY, advisory({ id: "EXC-SA-2026-0002" }));
    h.commit("main: a new advisory");
    h.git("checkout", "-q", "topic");
    const r = await check(h, "main");
    expect(brief(r.findings)).toEqual([]);
    expect(r.plan.text).toBe("updates EXC-SA-2026-0001 to revision 1.0.1; updates feeds; 1 CSAF document");
    expect(r.comparedWith).not.toBe(r.baseCommit);
  });
});
