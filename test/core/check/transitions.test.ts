/** The incident workflow's edges, as the state diagram in scripts/docs/workflow.md draws them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INCIDENT_STATES } from "../../../schemas/incident.ts";
import { allowedNext } from "../../../scripts/core/check/E110-incident-transitions.ts";
import { ROOT } from "../../helpers/repo.ts";

describe("allowedNext", () => {
  it("is one step forward or closing; closed re-opens to triage or analysis", () => {
    expect(Object.fromEntries(INCIDENT_STATES.map((s) => [s, allowedNext(s)]))).toEqual({
      new: ["triage", "closed"],
      triage: ["analysis", "closed"],
      analysis: ["remediation", "closed"],
      remediation: ["disclosure", "closed"],
      disclosure: ["closed"],
      closed: ["triage", "analysis"],
    });
  });

  it("matches the mermaid diagram in scripts/docs/workflow.md", () => {
    const doc = readFileSync(join(ROOT, "scripts/docs/workflow.md"), "utf8");
    const diagram = /```mermaid\n(stateDiagram-v2[\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const edges = new Set(
      [...diagram.matchAll(/^\s*(\w+) --> (\w+)/gm)]
        .filter((m) => m[1] !== "[*]")
        .map((m) => `${m[1]}->${m[2]}`),
    );
    const expected = INCIDENT_STATES.flatMap((s) => allowedNext(s).map((t) => `${s}->${t}`));
    expect([...edges].sort()).toEqual(expected.sort());
  });
});
