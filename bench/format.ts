// Number, time and table formatting shared by every part's section of bench/RESULTS.md.

import { cpus, release, totalmem } from "node:os";

export function machineLine(): string {
  const cpu = cpus();
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${memoryGiB} GiB, Linux ${release()}, Node ${process.version}`;
}

export const number = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";

export const ms = (value: number) => `${number(value, value < 10 ? 2 : 1)} ms`;

/** "met" or "missed", for target lines. */
export const verdict = (met: boolean) => (met ? "met" : "missed");

/** A markdown table; also readable as plain text in a terminal. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
