// End-of-run summary tables (run, test, deliver): a label column and right-aligned counts, optionally coloured.

import type { Palette } from "./colour.js";

export type Row = readonly [label: string, count: number, tone?: "good" | "bad" | "warn"];

/** Rows as aligned lines under a title line; a row of 0 with a tone is shown without colour. */
export function formatTable(title: string, rows: readonly Row[], p?: Palette): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const digits = Math.max(...rows.map(([, count]) => String(count).length));
  const lines = rows.map(([label, count, tone]) => {
    const cell = `${label.padEnd(width)}  ${String(count).padStart(digits)}`;
    if (p === undefined || count === 0 || tone === undefined) return `  ${cell}`;
    const paint = tone === "good" ? p.green : tone === "bad" ? p.red : p.yellow;
    return `  ${paint(cell)}`;
  });
  return `${p ? p.bold(title) : title}\n${lines.join("\n")}\n`;
}
