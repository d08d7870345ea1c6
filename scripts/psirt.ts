/**
 * `psirt` command-line entry point: argv → command; errors → exit codes.
 * Each command lives in scripts/commands/<name>.ts and exports `run(args): Promise<number>`.
 */
import { CliError, EXIT } from "./core/exit-codes.ts";
import { enterInvocationDir } from "./io/invocation.ts";

interface Command {
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: {
    summary:
      "init --name NAME --prefix PREFIX --site-url URL --email EMAIL  (make this repository your PSIRT)",
    load: () => import("./commands/init.ts"),
  },
  validate: {
    summary: "validate [paths…] [--format text|json|github] [--summary]",
    load: () => import("./commands/validate.ts"),
  },
  check: {
    summary: "check --base <git-ref> [--format text|json|github] [--summary-file PATH] [--now DATE]",
    load: () => import("./commands/check.ts"),
  },
  cvss: { summary: "cvss <vector…> [--stdin] [--json]", load: () => import("./commands/cvss.ts") },
  build: {
    summary: "build [--release] [--out dist] [--now DATE]  (also npm run build)",
    load: () => import("./commands/build.ts"),
  },
  schemas: {
    summary: "schemas [--write]  (regenerate schemas/json/*.schema.json)",
    load: () => import("./commands/schemas.ts"),
  },
  feeds: {
    summary: "feeds pull [--offline]  (OSV, NVD, KEV, EPSS, CSAF into .psirt/feeds/)",
    load: () => import("./commands/feeds.ts"),
  },
  match: {
    summary:
      "match [--sbom path…] [--feed path…] [--format text|json|sarif|markdown] [--fail-on new] [--create-incidents]",
    load: () => import("./commands/match.ts"),
  },
  affected: {
    summary: "affected <CVE or alias> [--feed path…] [--format text|json]",
    load: () => import("./commands/affected.ts"),
  },
  incident: {
    summary: "incident new [--title …] [--source …] [--vuln ID]… [--product ID --versions RANGE]…",
    load: () => import("./commands/incident.ts"),
  },
  release: {
    summary:
      "release <product> <version> [--sbom FILE] [--released DATE] [--name NAME --exposure E]  (record a shipped version)",
    load: () => import("./commands/release.ts"),
  },
  advisory: {
    summary: "advisory new --from-incident <ID> [--id ID]",
    load: () => import("./commands/advisory.ts"),
  },
  notify: {
    summary: "notify <advisory-id> [--kind news|prenotify|all] [--out DIR] [--send] [--date YYYY-MM-DD]",
    load: () => import("./commands/notify.ts"),
  },
  verify: {
    summary: "verify <dist-dir or URL> [--format text|json]",
    load: () => import("./commands/verify.ts"),
  },
  metrics: {
    summary: "metrics [--format text|json|markdown] [--since YYYY-MM-DD] [--now DATE] [--svg-out DIR]",
    load: () => import("./commands/metrics.ts"),
  },
  export: {
    summary:
      "export osv|vex [--out out/export] [--now DATE]  (public OSV / CycloneDX VEX of published advisories)",
    load: () => import("./commands/export.ts"),
  },
  "build-internal": {
    summary:
      "build-internal [--out dist-internal] [--now DATE]  (internal dashboard and complete VEX; never in dist/)",
    load: () => import("./commands/build-internal.ts"),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  npm run psirt -- ${c.summary}`);
  return `usage:\n${lines.join("\n")}\n`;
}

/** The command being run, for error messages. */
let current: string | undefined;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`psirt: unknown command "${name}"\n${usage()}`);
    return EXIT.usage;
  }
  current = name;
  enterInvocationDir();
  return (await entry.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // node:util parseArgs reports unknown or malformed options as errors with these codes.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      const entry = current ? COMMANDS[current] : undefined;
      const hint = entry ? `usage: npm run psirt -- ${entry.summary}\n` : usage();
      process.stderr.write(`psirt: ${current ? `${current}: ` : ""}${(error as Error).message}\n${hint}`);
      process.exitCode = EXIT.usage;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`psirt: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(
      `psirt: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        "This is a bug in the tool, not in your files: please report it with the command you ran.\n",
    );
    process.exitCode = EXIT.internal;
  },
);
