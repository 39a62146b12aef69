// What a command needs from the outside world, passed in so commands can be tested without a real process.

import type { Readable } from "node:stream";
import type { OutputWatch } from "./output-failure.js";

export interface OutputStream {
  /** `written`, when given, is called once the text reached the system, with the error if it could not. */
  write(text: string, written?: (error?: Error | null) => void): unknown;
  /** True when the stream is a terminal (progress displays only then). */
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Records a stdout that cannot be written (EPIPE, ENOSPC); the executable always gives one. */
  readonly output?: OutputWatch;
}

/** A command takes its arguments (after the command name) and returns the process exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command (CONTRACT section 4); output that cannot be written is 2 (deliver: 3). */
export const EXIT = { ok: 0, errors: 1, usage: 2, deliveryFailed: 3 } as const;
