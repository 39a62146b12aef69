// What `deliver` writes: every line scrubbed of secrets, and a one-line progress display on a terminal.

import { redactText } from "../../runtime/redact.js";
import type { OutputStream } from "../io.js";
import type { RunningCounts } from "../../delivery/results.js";

/**
 * The stream with every write passed through redactText: the last line of defence behind never putting a key into
 * a message, for text we do not control (server answers, library errors).
 */
export function redacting(stream: OutputStream, secrets: () => readonly string[]): OutputStream {
  return {
    get isTTY() {
      return stream.isTTY;
    },
    write: (text: string) => stream.write(redactText(text, secrets())),
  };
}

/** A progress line rewritten in place at most every 100 ms; only used when stderr is a terminal. */
export class ProgressDisplay {
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly now: () => number = Date.now,
  ) {}

  update(counts: RunningCounts): void {
    const now = this.now();
    if (now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    this.shown = true;
    const text = `${counts.total} events done: ${counts.delivered} delivered, ${counts.dropped} dropped, ${counts.failed} failed`;
    this.stream.write(`\r\x1b[2K${text}`);
  }

  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
