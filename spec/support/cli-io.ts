// Runs a CLI command in this process with in-memory streams: what the command tests drive, captured as text.

import { Readable } from "node:stream";
import type { CliIO, Command } from "../../cli/io.js";

export interface CommandRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** stdout and stderr interleaved in the order they were written. */
  readonly all: string;
}

export async function runInMemory(command: Command, argv: readonly string[], cwd: string): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const io: CliIO = {
    stdout: { write: (t: string) => (out.push(t), all.push(t)) },
    stderr: { write: (t: string) => (err.push(t), all.push(t)) },
    stdin: Readable.from([]),
    env: {},
    cwd,
  };
  const code = await command(argv, io);
  return { code, out: out.join(""), err: err.join(""), all: all.join("") };
}
