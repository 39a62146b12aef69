// Two contenders in one process, timed in alternating passes over the same events: a steadier ratio than separate
// processes when the machine is noisy, at the cost of sharing one process's JIT (not a part of `npm run bench`).
// Usage: node dist/bench/pair.js FLOOR CONTENDER [phones|no-phones] [PASSES]
// e.g.   node dist/bench/pair.js "Meta hand-written" "Meta compiled preset" no-phones 21

import { contenderByName, META_BENCH_SETTINGS, SALESLOFT_BENCH_SETTINGS } from "./contenders.js";
import { DEFAULT_SEED, generateEventList, type EventMix } from "./events/generate.js";
import { median } from "./stats.js";
import { syncPass } from "./throughput-job.js";

async function main([floorName, otherName, mix = "no-phones", passes = "21"]: string[]): Promise<void> {
  const floor = contenderByName(floorName ?? "");
  const other = contenderByName(otherName ?? "");
  if (floor === undefined || other === undefined || (mix !== "phones" && mix !== "no-phones")) {
    throw new Error("usage: pair FLOOR CONTENDER [phones|no-phones] [PASSES], names as in bench/contenders.ts");
  }
  const settings = floor.name.startsWith("Meta") ? META_BENCH_SETTINGS : SALESLOFT_BENCH_SETTINGS;
  const events = generateEventList(50_000, { mix: mix as EventMix, seed: DEFAULT_SEED });
  const [a, b] = [await floor.load(), await other.load()];
  const pass = (transform: typeof a) => syncPass(transform, events, settings, Number.POSITIVE_INFINITY);
  for (let warm = 0; warm < 3; warm++) (await pass(a), await pass(b));
  const ratios: number[] = [];
  for (let round = 0; round < Number(passes); round++) {
    let started = performance.now();
    await pass(a);
    const floorMs = performance.now() - started;
    started = performance.now();
    await pass(b);
    ratios.push(floorMs / (performance.now() - started));
  }
  console.log(
    `${mix}: ${other.name} at ${median(ratios).toFixed(3)}× ${floor.name} (median of ${passes} paired passes)`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pair: ${(error as Error).message}`);
  process.exit(1);
});
