// What a command needs from the outside world, passed in so commands can be tested without a real process.

import type { Readable } from "node:stream";

export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal (progress displays only then). */
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A command takes its arguments (after the command name) and returns the process exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command (CONTRACT section 4). */
export const EXIT = { ok: 0, errors: 1, usage: 2, deliveryFailed: 3 } as const;
