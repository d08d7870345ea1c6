/**
 * The GitHub workflows that run the gate: least privilege, actions pinned by commit, the same npm
 * commands as locally, secrets only where documented, and the required checks the docs name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/repo.ts";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  permissions?: Record<string, string>;
  environment?: unknown;
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = join(ROOT, ".github/workflows");
const files = readdirSync(DIR).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(DIR, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;

describe("GitHub workflows", () => {
  it("include pr.yml, publish.yml and feed-watch.yml", () => {
    expect(files).toEqual(expect.arrayContaining(["feed-watch.yml", "pr.yml", "publish.yml"]));
  });

  it.each(files)("%s: contents: read at the top, explicit permissions per job", (file) => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({ contents: "read" });
    for (const [id, job] of Object.entries(wf.jobs)) expect(job.permissions, id).toBeDefined();
  });

  it.each(files)("%s: every action is pinned to a full commit SHA with its release in a comment", (file) => {
    const lines = text(file)
      .split("\n")
      .filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it.each(files)("%s: Node from .nvmrc", (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@")))
        expect(step.with?.["node-version-file"]).toBe(".nvmrc");
    }
  });

  it("secrets appear only in publish.yml's build job (signing key) and feed-watch.yml (optional token, NVD API key)", () => {
    for (const file of files) {
      const wf = workflow(file);
      for (const [id, job] of Object.entries(wf.jobs)) {
        const used = [...JSON.stringify(job).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
        const allowed =
          file === "publish.yml" && id === "build"
            ? ["PSIRT_SIGNING_KEY", "PSIRT_SIGNING_PASSPHRASE"]
            : file === "feed-watch.yml"
              ? ["FEED_WATCH_TOKEN", "NVD_API_KEY"]
              : [];
        expect(
          used.filter((s) => !allowed.includes(s!)),
          `${file} ${id}`,
        ).toEqual([]);
      }
    }
    const build = workflow("publish.yml").jobs.build!;
    expect(build.environment).toBe("release");
    expect(build.permissions).toEqual({ contents: "read" });
    expect(workflow("publish.yml").jobs.deploy!.permissions).toEqual({ pages: "write", "id-token": "write" });
    // The tree is verified as a customer would, after the build and before the upload.
    const runs = build.steps.map((s) => s.run ?? s.uses ?? "");
    const verify = runs.indexOf("npm run psirt -- verify dist");
    expect(verify).toBeGreaterThan(runs.indexOf("npm run build -- --release"));
    expect(verify).toBeLessThan(runs.findIndex((r) => r.startsWith("actions/upload-pages-artifact@")));
  });

  it("pr.yml runs the gate against the base branch with full history, and its job names are the documented required checks", () => {
    const wf = workflow("pr.yml");
    const check = wf.jobs.check!;
    expect(check.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"]).toBe(0);
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
    expect(runs).toContain("npm run psirt -- validate --format github --summary");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable of the workflow
    expect(runs).toContain('npm run psirt -- check --base "origin/${BASE_REF}" --format github');
    expect(runs).toContain("npm test");
    expect(runs).toContain("npm run build");
    const names = Object.values(wf.jobs).map((j) => j.name);
    const doc = readFileSync(join(ROOT, "scripts/docs/workflow.md"), "utf8");
    const required = /Require status checks to pass[^:]*: ([\s\S]*?)\(the job names/.exec(doc)?.[1] ?? "";
    for (const name of names) expect(required).toContain(`\`${name}\``);
  });
});
