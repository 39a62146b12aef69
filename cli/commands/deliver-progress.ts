// deliver's progress line and summary table on a terminal; the total is the input's line count (after --from-line).

import { resolve } from "node:path";
import { formatSummary, type DeliverySummary, type RunningCounts } from "../../delivery/results.js";
import { paletteFor } from "../colour.js";
import { formatTable } from "../summary-table.js";
import type { CliIO, OutputStream } from "../io.js";
import { countLines, ProgressLine } from "../progress.js";
import type { DeliverCliOptions } from "./deliver-options.js";

export async function progressFor(options: DeliverCliOptions, io: CliIO, stderr: OutputStream): Promise<ProgressLine> {
  const lines = options.eventsFile === "-" ? undefined : await countLines(resolve(io.cwd, options.eventsFile));
  const total = lines === undefined ? undefined : Math.max(0, lines - (options.fromLine - 1));
  return new ProgressLine(stderr, total !== undefined ? { total } : {});
}

export function countsText(counts: RunningCounts): string {
  return `${counts.delivered} delivered, ${counts.dropped} dropped, ${counts.failed} failed`;
}

/** The summary for stderr: a table on a terminal, the plain lines otherwise (scripts read those). */
export function summaryText(summary: DeliverySummary, io: CliIO): string {
  if (io.stderr.isTTY !== true) return formatSummary(summary);
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const table = formatTable(
    `${summary.total} events in ${seconds} s`,
    [
      ["delivered", summary.delivered, "good"],
      ["dropped", summary.dropped],
      ["failed", summary.failed, "bad"],
      ["  interrupted", summary.interrupted, "bad"],
      ["HTTP attempts", summary.attempts],
      ["answered 429", summary.rateLimited, "warn"],
    ],
    paletteFor(io.stderr, io.env),
  );
  const resume = summary.stoppedEarly
    ? `interrupted: input was read up to line ${summary.linesRead}; resume from line ${summary.linesRead + 1}\n`
    : "";
  return table + resume;
}
