/** The build's background tools: success, a failure that shows the tool's output, and stopping. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../scripts/core/exit-codes.ts";
import { startTool } from "../../scripts/io/tool-process.ts";

const dir = () => mkdtempSync(join(tmpdir(), "psirt-tool-"));

describe("startTool", () => {
  it("resolves when the tool exits 0; its output is in the log file", async () => {
    const d = dir();
    const tool = startTool(
      "echo",
      ["-e", "console.log(process.env.GREETING)"],
      { GREETING: "hello" },
      d,
      join(d, "log"),
    );
    await tool.done;
    expect(readFileSync(join(d, "log"), "utf8")).toBe("hello\n");
  });

  it("never passes the release signing key or its passphrase to the tool", async () => {
    const d = dir();
    const saved = { key: process.env.PSIRT_SIGNING_KEY, pass: process.env.PSIRT_SIGNING_PASSPHRASE };
    process.env.PSIRT_SIGNING_KEY = "-----BEGIN PGP PRIVATE KEY BLOCK-----";
    process.env.PSIRT_SIGNING_PASSPHRASE = "secret";
    try {
      const tool = startTool(
        "env",
        [
          "-e",
          "console.log(JSON.stringify([process.env.PSIRT_SIGNING_KEY, process.env.PSIRT_SIGNING_PASSPHRASE, process.env.PATH !== undefined]))",
        ],
        {},
        d,
        join(d, "log"),
      );
      await tool.done;
      expect(JSON.parse(readFileSync(join(d, "log"), "utf8"))).toEqual([null, null, true]);
    } finally {
      for (const [name, value] of [
        ["PSIRT_SIGNING_KEY", saved.key],
        ["PSIRT_SIGNING_PASSPHRASE", saved.pass],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("rejects with exit 1 and the end of the tool's output when it fails", async () => {
    const d = dir();
    const tool = startTool(
      "astro build",
      ["-e", "console.log('rendering'); console.error('[build] page /x/ failed'); process.exit(3)"],
      {},
      d,
      join(d, "log"),
    );
    const error = await tool.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toBe(
      "astro build failed (exit 3); its output:\nrendering\n[build] page /x/ failed",
    );
  });

  it("stop() ends a tool that still runs and waits for it", async () => {
    const d = dir();
    const tool = startTool("sleeper", ["-e", "setTimeout(() => {}, 60_000)"], {}, d, join(d, "log"));
    const started = performance.now();
    await tool.stop();
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(tool.done).rejects.toThrow(/sleeper failed \(exit SIGTERM\)/);
    await tool.stop(); // a second stop is harmless
  });
});
