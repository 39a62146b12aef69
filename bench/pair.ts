// Two contenders in one process, timed in alternating passes over the same events: a steadier ratio than separate
// processes when the machine is noisy, at the cost of sharing one process's JIT (not a part of `npm run bench`).
// Usage: node dist/bench/pair.js FLOOR CONTENDER [phones|no-phones] [PASSES]
// e.g.   node dist/bench/pair.js "Meta hand-written" "Meta compiled preset" no-phones 21

import { contenderByName, type TransformFn } from "./contenders.js";
import { generateEventList, type EventMix } from "./events/generate.js";
import type { BenchSettings } from "./peers/envelope.js";
import { median } from "./stats.js";

const SALESLOFT_SETTINGS = { api_key: "bench-key-not-secret", default_phone_region: "US" };
const META_SETTINGS = { pixel_id: "1234567890", access_token: "bench-token-not-secret", default_phone_region: "US" };

/** One pass over every event; the count of sends keeps the work from being optimised away. */
function pass(transform: TransformFn, events: readonly unknown[], settings: BenchSettings): number {
  let sends = 0;
  for (const event of events) if ((transform(event, settings) as { outcome: string }).outcome === "send") sends++;
  return sends;
}

async function main([floorName, otherName, mix = "no-phones", passes = "21"]: string[]): Promise<void> {
  const floor = contenderByName(floorName ?? "");
  const other = contenderByName(otherName ?? "");
  if (floor === undefined || other === undefined || (mix !== "phones" && mix !== "no-phones")) {
    throw new Error("usage: pair FLOOR CONTENDER [phones|no-phones] [PASSES], names as in bench/contenders.ts");
  }
  const settings = (floor.name.startsWith("Meta") ? META_SETTINGS : SALESLOFT_SETTINGS) as unknown as BenchSettings;
  const events = generateEventList(50_000, { mix: mix as EventMix, seed: 20250101 });
  const [a, b] = [await floor.load(), await other.load()];
  for (let warm = 0; warm < 3; warm++) (pass(a, events, settings), pass(b, events, settings));
  const ratios: number[] = [];
  for (let round = 0; round < Number(passes); round++) {
    let started = performance.now();
    pass(a, events, settings);
    const floorMs = performance.now() - started;
    started = performance.now();
    pass(b, events, settings);
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
