// A one-line progress display on a terminal's stderr: done of total, percentage, rate, ETA and any wait, redrawn in
// place with \r; other stderr text clears it first, so it never mixes with messages (results go to stdout).

import { createReadStream } from "node:fs";
import type { Clock } from "../delivery/clock.js";
import type { OutputStream } from "./io.js";

const REDRAW_MS = 100;

export interface ProgressOptions {
  /** Events expected in all (input lines), when known. */
  readonly total?: number;
  readonly now?: () => number;
}

export class ProgressLine {
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastDrawn = -Infinity;
  private shown = false;
  private done = 0;
  private detail = "";
  private waitEndsAt = 0;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    private readonly stream: OutputStream,
    private readonly options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    // While waiting nothing completes: the countdown still moves.
    this.ticker = setInterval(() => this.waiting() && this.draw(true), 1000);
    this.ticker.unref?.();
  }

  update(done: number, detail = ""): void {
    this.done = done;
    this.detail = detail;
    this.draw(false);
  }

  /** A wait (rate limit, retry backoff) ending `ms` from now. */
  waitFor(ms: number): void {
    this.waitEndsAt = Math.max(this.waitEndsAt, this.now() + ms);
    this.draw(true);
  }

  /** The text of the line, without escapes (exported for tests). */
  text(): string {
    const elapsed = Math.max(1, this.now() - this.startedAt) / 1000;
    const rate = this.done / elapsed;
    const total = this.options.total;
    const parts = [total !== undefined ? `${this.done}/${total} events` : `${this.done} events`];
    if (total !== undefined && total > 0) parts[0] += ` (${Math.min(100, Math.floor((this.done / total) * 100))}%)`;
    parts.push(`${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/s`);
    if (total !== undefined && rate > 0 && this.done < total) parts.push(`ETA ${duration((total - this.done) / rate)}`);
    if (this.waiting())
      parts.push(`waiting on rate limit or retry (${Math.ceil((this.waitEndsAt - this.now()) / 1000)} s)`);
    if (this.detail !== "") parts.push(this.detail);
    return parts.join(" · ");
  }

  clear(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }

  stop(): void {
    clearInterval(this.ticker);
    this.clear();
  }

  /** The stream with the line cleared before each write and redrawn after it. */
  around(stream: OutputStream): OutputStream {
    return {
      isTTY: stream.isTTY,
      write: (text: string) => {
        this.clear();
        const result = stream.write(text);
        this.draw(true);
        return result;
      },
    };
  }

  private waiting(): boolean {
    return this.waitEndsAt - this.now() >= 1000;
  }

  private draw(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastDrawn < REDRAW_MS) return;
    this.lastDrawn = now;
    this.shown = true;
    this.stream.write(`\r\x1b[2K${this.text()}`);
  }
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** Lines in a file (a last line without a newline counts), read in chunks; undefined when it cannot be read. */
export async function countLines(path: string): Promise<number | undefined> {
  try {
    let lines = 0;
    let last = 10;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
    return last === 10 ? lines : lines + 1;
  } catch {
    return undefined;
  }
}

/** A clock whose long sleeps (a second or more: rate-limit and backoff waits) are shown on the progress line. */
export function watchedClock(clock: Clock, onWait: (ms: number) => void): Clock {
  return {
    ...clock,
    now: () => clock.now(),
    sleep: (ms: number, signal?: AbortSignal) => {
      if (ms >= 1000) onWait(ms);
      return clock.sleep(ms, signal);
    },
  };
}
