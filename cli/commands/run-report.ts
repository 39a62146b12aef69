// run's progress line and end-of-run summary (counts by outcome and error code) on a terminal's stderr only.

import { resolve } from "node:path";
import { paletteFor } from "../colour.js";
import type { CliIO } from "../io.js";
import { countLines, ProgressLine } from "../progress.js";
import { formatTable, type Row } from "../summary-table.js";

export class RunReport {
  private readonly counts = { send: 0, drop: 0, error: 0 };
  private readonly codes = new Map<string, number>();
  private readonly startedAt = Date.now();

  private constructor(
    private readonly io: CliIO,
    private readonly progress: ProgressLine,
  ) {}

  /** A report when stderr is a terminal; undefined otherwise (nothing extra is written to a pipe or file). */
  static async start(io: CliIO, file: string | undefined, fromLine: number): Promise<RunReport | undefined> {
    if (io.stderr.isTTY !== true) return undefined;
    const lines = file === undefined ? undefined : await countLines(resolve(io.cwd, file));
    const total = lines === undefined ? undefined : Math.max(0, lines - (fromLine - 1));
    return new RunReport(io, new ProgressLine(io.stderr, total !== undefined ? { total } : {}));
  }

  add(outcome: unknown): void {
    const record = (outcome ?? {}) as { outcome?: string; code?: string };
    if (record.outcome === "send" || record.outcome === "drop" || record.outcome === "error") {
      this.counts[record.outcome] += 1;
    }
    if (record.outcome === "error" && typeof record.code === "string") {
      this.codes.set(record.code, (this.codes.get(record.code) ?? 0) + 1);
    }
    const done = this.counts.send + this.counts.drop + this.counts.error;
    this.progress.update(done, `${this.counts.send} send, ${this.counts.drop} drop, ${this.counts.error} error`);
  }

  /** Clears the progress line and writes the summary table. */
  finish(): void {
    this.progress.stop();
    const rows: Row[] = [
      ["send", this.counts.send, "good"],
      ["drop", this.counts.drop],
      ["error", this.counts.error, "bad"],
      ...[...this.codes].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]): Row => [`  ${code}`, n]),
    ];
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const done = this.counts.send + this.counts.drop + this.counts.error;
    this.io.stderr.write(formatTable(`${done} events in ${seconds} s`, rows, paletteFor(this.io.stderr, this.io.env)));
  }
}
