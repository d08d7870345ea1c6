/**
 * `psirt` command-line entry point: argv → command; errors → exit codes.
 * Each command lives in scripts/commands/<name>.ts and exports `run(args): Promise<number>`.
 */
import { CliError, EXIT } from "./core/exit-codes.ts";

interface Command {
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: "validate [paths…] [--format text|json|github] [--summary]",
    load: () => import("./commands/validate.ts"),
  },
  cvss: { summary: "cvss <vector…> [--stdin] [--json]", load: () => import("./commands/cvss.ts") },
  schemas: { summary: "schemas [--write]  (regenerate schemas/json/*.schema.json)", load: () => import("./commands/schemas.ts") },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  npm run psirt -- ${c.summary}`);
  return `usage:\n${lines.join("\n")}\n`;
}

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
  return (await entry.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
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
