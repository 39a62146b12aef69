// How `test` shows its report on a terminal: verdicts, diffs (expected green, actual red) and the summary coloured.

import { colourDiffLine, colourVerdict, type Palette } from "../colour.js";
import { formatTable } from "../summary-table.js";
import type { FixtureSummary } from "./fixtures.js";

export function colourTestLine(line: string, p: Palette): string {
  if (!p.enabled) return line;
  const summary = /^(\d+) passed, (\d+) failed$/.exec(line);
  if (summary) {
    const failed = Number(summary[2]);
    return `${p.green(`${summary[1]} passed`)}, ${failed > 0 ? p.red(p.bold(`${failed} failed`)) : `${failed} failed`}`;
  }
  return colourDiffLine(colourVerdict(line, p), p);
}

/** The end-of-run table `test` writes to a terminal's stderr. */
export function testSummaryTable(summary: FixtureSummary, p: Palette): string {
  const total = summary.passed + summary.failed;
  return formatTable(
    `${total} cases`,
    [
      ["passed", summary.passed, "good"],
      ["failed", summary.failed, "bad"],
      ["updated", summary.updated, "warn"],
    ],
    p,
  );
}
