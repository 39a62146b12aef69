// Bench part check-scale: `check` and diagnostic rendering on generated presets of growing size, to show both stay
// linear (issue 11 point 8). bench/check-scale.ts measures; this file reads it out.

import { benchmarkCheckScale, ratioPerTenfold, type CheckScaleResult } from "./check-scale.js";
import { ms, number, table, verdict } from "./format.js";
import { bySize, type BenchPart } from "./part.js";

const SIZES = {
  full: { rules: [10_000, 50_000, 100_000], runs: 3 },
  smoke: { rules: [500, 2_500, 5_000], runs: 1 },
};

export const checkScalePart: BenchPart<CheckScaleResult> = {
  name: "check-scale",
  title: "`check` and rendering at scale",
  sizes: (mode) =>
    `check-scale ${bySize(mode, SIZES)
      .rules.map((rules) => number(rules))
      .join("/")} rules`,
  run: ({ mode, log }) => benchmarkCheckScale(bySize(mode, SIZES).rules, bySize(mode, SIZES).runs, log),
  render: renderCheckScale,
  targets: (value) => {
    const first = value.rows[0];
    const last = value.rows[value.rows.length - 1];
    if (!first || !last || last === first) return [];
    const check = ratioPerTenfold(first, first.checkMs, last, last.checkMs);
    const render = ratioPerTenfold(first, first.renderMs, last, last.renderMs);
    // Linear is 10× per tenfold; quadratic 100×. 25× leaves room for garbage collection on a shared machine.
    return [
      `check grows ${number(check, 1)}× per tenfold rules (target: linear, < 25×): ${verdict(check < 25)}`,
      `rendering grows ${number(render, 1)}× per tenfold rules (target: linear, < 25×): ${verdict(render < 25)}`,
    ];
  },
};

function renderCheckScale(value: CheckScaleResult): string {
  const { rows, runs } = value;
  let text = `Generated presets (distinct targets, small expressions) and a source with a diagnostic for every other rule (a target assigned twice), checked and rendered, each size in a fresh process after a warm-up; medians of ${runs} run${runs === 1 ? "" : "s"}. "per 10×" scales each step's growth to ten times the rules: about 10 is linear, about 100 quadratic.\n\n`;
  const step = (i: number, pick: (row: CheckScaleResult["rows"][number]) => number) =>
    i === 0 ? "—" : number(ratioPerTenfold(rows[i - 1]!, pick(rows[i - 1]!), rows[i]!, pick(rows[i]!)), 1);
  text += table(
    ["rules", "check", "per 10×", "diagnostics", "check", "render", "render per 10×"],
    rows.map((row, i) => [
      number(row.rules),
      ms(row.checkMs),
      step(i, (r) => r.checkMs),
      number(row.diagnostics),
      ms(row.checkFaultyMs),
      ms(row.renderMs),
      step(i, (r) => r.renderMs),
    ]),
  );
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last && last !== first)
    text += `\n\nFrom ${number(first.rules)} to ${number(last.rules)} rules (${number(last.rules / first.rules, 0)}×): check ${number(last.checkMs / first.checkMs, 1)}×, render ${number(last.renderMs / first.renderMs, 1)}×.`;
  return text + "\n\n";
}
