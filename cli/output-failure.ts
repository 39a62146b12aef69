// Output that cannot be written (EPIPE from `| head`, ENOSPC from a full disk): noticed once, reported once, never exit 0.

import type { EventEmitter } from "node:events";

export class OutputWatch {
  private readonly controller = new AbortController();
  private failure: NodeJS.ErrnoException | undefined;
  /** Set by the command that told the user what was lost, so the executable does not say it again. */
  reported = false;

  /** Aborted when the first write fails: commands stop reading input then. */
  get closed(): AbortSignal {
    return this.controller.signal;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  fail(error: NodeJS.ErrnoException): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.controller.abort();
  }

  /** One phrase for the user, e.g. "cannot write the output (EPIPE: the reader closed it)". */
  problem(): string {
    const code = this.failure?.code ?? "error";
    const why = WHY[code] ?? this.failure?.message ?? "write failed";
    return `cannot write the output (${code}: ${why})`;
  }
}

const WHY: Readonly<Record<string, string>> = {
  EPIPE: "the reader closed it",
  ENOSPC: "no space left on the device",
  EIO: "input/output error",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
};

/** Watches a stream for write errors; the error is recorded instead of crashing or exiting. */
export function watchOutput(stream: EventEmitter): OutputWatch {
  const watch = new OutputWatch();
  stream.on("error", (error: NodeJS.ErrnoException) => watch.fail(error));
  return watch;
}

/** Resolves once everything written so far has reached the system, or failed (recorded by the watch). */
export function settled(stream: NodeJS.WritableStream, watch: OutputWatch): Promise<void> {
  return new Promise((resolve) => {
    try {
      stream.write("", (error) => {
        if (error) watch.fail(error as NodeJS.ErrnoException);
        resolve();
      });
    } catch (error) {
      watch.fail(error as NodeJS.ErrnoException);
      resolve();
    }
  });
}
