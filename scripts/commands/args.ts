/**
 * A command's options and operands (node:util parseArgs, strict); an unknown or malformed option
 * is a usage error (exit 2) naming the command and showing its usage.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { CliError, EXIT } from "../core/exit-codes.ts";

export function commandArgs<const O extends ParseArgsOptionsConfig>(
  command: string,
  usage: string,
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message}\n${usage}`, EXIT.usage);
  }
}
