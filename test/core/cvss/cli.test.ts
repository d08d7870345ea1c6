/** `psirt cvss` end to end: spawns scripts/psirt.ts on the Node.js running the tests (the pinned one). */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const LOG4SHELL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
const V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
const V2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P";

function psirt(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["scripts/psirt.ts", "cvss", ...args], {
    cwd: ROOT,
    input: input ?? "",
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonLines = (stdout: string): unknown[] =>
  stdout
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("psirt cvss", () => {
  it("prints one JSON object per vector, in order, with the documented leading keys", () => {
    const { status, stdout } = psirt(["--json", LOG4SHELL, V40, V2]);
    expect(status).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toEqual([
      { vector: LOG4SHELL, version: "3.1", baseScore: 10, baseSeverity: "CRITICAL" },
      { vector: V40, version: "4.0", baseScore: 9.3, baseSeverity: "CRITICAL", nomenclature: "CVSS-B" },
      { vector: V2, version: "2.0", baseScore: 7.5, baseSeverity: "HIGH" },
    ]);
    for (const line of lines) {
      expect(Object.keys(line as object).slice(0, 4)).toEqual([
        "vector",
        "version",
        "baseScore",
        "baseSeverity",
      ]);
    }
  });

  it("reports invalid vectors as {vector, error} and exits 1 after scoring the rest", () => {
    const bad = "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    const { status, stdout } = psirt(["--json", bad, LOG4SHELL]);
    expect(status).toBe(1);
    const [error, ok] = jsonLines(stdout);
    expect(error).toEqual({ vector: bad, error: expect.stringContaining("metric AV is out of order") });
    expect(Object.keys(error as object)).toEqual(["vector", "error"]);
    expect(ok).toMatchObject({ vector: LOG4SHELL, baseScore: 10 });
  });

  it("includes temporal and environmental scores after the leading keys", () => {
    const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L";
    const [line] = jsonLines(psirt(["--json", vector]).stdout);
    expect(line).toEqual({
      vector,
      version: "3.1",
      baseScore: 9.8,
      baseSeverity: "CRITICAL",
      temporalScore: 8.8,
      temporalSeverity: "HIGH",
      environmentalScore: 7.6,
      environmentalSeverity: "HIGH",
    });
  });

  it("prints text lines: score, severity, v4 nomenclature, vector; errors as `error: <vector>: <message>`", () => {
    const { status, stdout } = psirt([LOG4SHELL, V40, "CVSS:3.1/AV:N"]);
    expect(status).toBe(1);
    expect(stdout.split("\n")).toEqual([
      `10.0 CRITICAL ${LOG4SHELL}`,
      `9.3 CRITICAL CVSS-B ${V40}`,
      expect.stringMatching(/^error: CVSS:3\.1\/AV:N: missing mandatory base metrics AC /),
      "",
    ]);
  });

  it("reads vectors from stdin with --stdin, skipping blank lines and # comments", () => {
    const input = `# advisories to score\n\n${LOG4SHELL}\r\n   ${V2}  \n# done\n`;
    const { status, stdout } = psirt(["--stdin", "--json", V40], input);
    expect(status).toBe(0);
    expect(jsonLines(stdout).map((line) => (line as { vector: string }).vector)).toEqual([
      V40,
      LOG4SHELL,
      V2,
    ]);
  });

  it("exits 1 when a stdin vector is invalid", () => {
    const { status, stdout } = psirt(["--stdin"], "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H\n");
    expect(status).toBe(1);
    expect(stdout).toContain("duplicate metric A");
  });

  it("exits 2 with usage when no vectors are given", () => {
    const { status, stdout, stderr } = psirt([]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("no vectors given");
    expect(psirt(["--stdin"], "# only comments\n\n").status).toBe(2);
  });

  it("exits 2 on unknown options", () => {
    const { status, stderr } = psirt(["--xml", LOG4SHELL]);
    expect(status).toBe(2);
    expect(stderr).toContain("usage:");
  });
});
