/**
 * A Node tool of ours (Astro, the Pagefind indexer) run in the background with the pinned Node.
 * Its output goes to a log file, never to a pipe that nobody reads while the build computes; when
 * it fails, the error carries the end of that log.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { CliError, EXIT } from "../core/exit-codes.ts";

/** How much of a failed tool's log the error shows (its end, where the failure is). */
const LOG_TAIL = 20_000;

export interface RunningTool {
  /** Resolves when the tool exits 0; rejects with a CliError (exit 1) and the log otherwise. */
  done: Promise<void>;
  /** Stops the tool if it still runs and waits until it has exited. */
  stop(): Promise<void>;
}

/** Variables a tool never sees: the release signing key stays in the process that signs. */
const SECRETS = ["PSIRT_SIGNING_KEY", "PSIRT_SIGNING_PASSPHRASE"];

/** `env` without the secrets (Astro, Vite, their plugins and Pagefind need none of them). */
export function toolEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of SECRETS) delete out[name];
  return out;
}

export function startTool(
  what: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  log: string,
): RunningTool {
  const fd = openSync(log, "w");
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...toolEnvironment(process.env), ...env },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const closed = new Promise<void>((resolveClosed) => {
    child.on("close", () => resolveClosed());
    child.on("error", () => resolveClosed());
  });
  const done = new Promise<void>((resolveDone, reject) => {
    child.on("error", (error) =>
      reject(new CliError(`${what} could not start: ${error.message}`, EXIT.findings)),
    );
    child.on("close", (code, signal) => {
      if (code === 0) return resolveDone();
      const text = readFileSync(log, "utf8");
      const shown = text.length > LOG_TAIL ? `…${text.slice(-LOG_TAIL)}` : text;
      reject(
        new CliError(
          `${what} failed (exit ${code ?? signal}); its output:\n${shown.trimEnd()}`,
          EXIT.findings,
        ),
      );
    });
  });
  done.catch(() => {}); // awaited later; never an unhandled rejection meanwhile
  return {
    done,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await closed;
    },
  };
}
