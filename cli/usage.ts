// How every command answers a usage mistake: the problem, the usage line, and where the full help is — not 25 lines.

import { EXIT, type CliIO } from "./io.js";

/** Writes the problem and the help's usage line to stderr; returns the usage exit code. */
export function usageError(io: Pick<CliIO, "stderr">, command: string, problem: string, help: string): number {
  // The usage line alone, without a description set beside it in columns.
  const usage = (help.split("\n").find((line) => line.startsWith("Usage:")) ?? "").replace(/ {2,}.*$/, "");
  io.stderr.write(`signal-map ${command}: ${problem}\n${usage}\nRun signal-map ${command} --help for the options.\n`);
  return EXIT.usage;
}
