// Bench part cold-start: `signal-map run` on one event, from a shipped (prebuilt) preset and from a fresh copy of the
// same .map that has never been built, next to Node starting with nothing to do. Median wall time of fresh processes.

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { ms, number, table, verdict } from "./format.js";
import { bySize, type BenchPart } from "./part.js";
import { DIST_CLI, REPO_ROOT } from "./paths.js";
import { median } from "./stats.js";
import { wallMs } from "./wall-time.js";

const SIZES = { full: { processes: 9 }, smoke: { processes: 1 } };

/** Each shipped preset timed here, with settings `run` accepts and one of its own sample events. */
const PRESETS = [
  {
    map: "presets/salesloft/lead-capture.map",
    samples: "presets/salesloft/samples/demo-leads.jsonl",
    settings: { api_key: "bench-key-not-secret", default_phone_region: "GB" },
  },
  {
    map: "presets/meta/conversions.map",
    samples: "presets/meta/samples/demo-events.jsonl",
    settings: { pixel_id: "1234567890", access_token: "bench-token-not-secret" },
  },
] as const;

export interface ColdStartRow {
  readonly preset: string;
  readonly shippedMs: number;
  readonly freshMs: number;
  readonly ratio: number;
}

export interface ColdStartResult {
  readonly processes: number;
  readonly nodeMs: number;
  readonly rows: readonly ColdStartRow[];
}

/** A copy of the preset's folder (its .map and schemas) where no build has ever been. */
function freshCopy(dir: string, map: string): string {
  const source = join(REPO_ROOT, dirname(map));
  const target = mkdtempSync(join(dir, "fresh-"));
  for (const file of readdirSync(source)) {
    if (file.endsWith(".map") || file.endsWith(".json")) copyFileSync(join(source, file), join(target, file));
  }
  return join(target, basename(map));
}

async function measurePreset(dir: string, preset: (typeof PRESETS)[number], processes: number): Promise<ColdStartRow> {
  const settings = join(dir, `${basename(preset.map)}.settings.json`);
  writeFileSync(settings, JSON.stringify(preset.settings));
  const event = join(dir, `${basename(preset.map)}.event.jsonl`);
  writeFileSync(event, readFileSync(join(REPO_ROOT, preset.samples), "utf8").split("\n")[0]! + "\n");
  const fresh = freshCopy(dir, preset.map);
  const shipped: number[] = [];
  const freshTimes: number[] = [];
  for (let run = 0; run < processes; run++) {
    shipped.push(await wallMs([DIST_CLI, "run", join(REPO_ROOT, preset.map), "--settings", settings, event]));
    freshTimes.push(await wallMs([DIST_CLI, "run", fresh, "--settings", settings, event]));
  }
  const shippedMs = median(shipped);
  const freshMs = median(freshTimes);
  return { preset: preset.map, shippedMs, freshMs, ratio: freshMs / shippedMs };
}

export const coldStartPart: BenchPart<ColdStartResult> = {
  name: "cold-start",
  title: "Cold start of `signal-map run`: shipped and fresh presets",
  sizes: (mode) => `cold start ${bySize(mode, SIZES).processes} processes`,
  run: async ({ mode, log }) => {
    const { processes } = bySize(mode, SIZES);
    const dir = mkdtempSync(join(tmpdir(), "signal-map-cold-"));
    try {
      const node: number[] = [];
      for (let run = 0; run < processes; run++) node.push(await wallMs(["-e", "0"]));
      const rows: ColdStartRow[] = [];
      for (const preset of PRESETS) {
        rows.push(await measurePreset(dir, preset, processes));
        log(`  ${preset.map}: fresh at ${rows.at(-1)!.ratio.toFixed(2)}× shipped`);
      }
      return { processes, nodeMs: median(node), rows };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  render: (value) =>
    `One sample event through \`node dist/cli/main.js run PRESET --settings S EVENT\`, median wall time of ${value.processes} fresh processes each, interleaved. Shipped: the preset under presets/, prebuilt by \`npm run build\`. Fresh: a copy of its folder that was never built, so \`run\` checks and compiles it in memory. \`node -e 0\` alone took ${ms(value.nodeMs)}.\n\n` +
    table(
      ["preset", "shipped", "fresh", "fresh × shipped"],
      value.rows.map((row) => [row.preset, ms(row.shippedMs), ms(row.freshMs), number(row.ratio, 2)]),
    ) +
    "\n\n",
  targets: (value) =>
    value.rows.map(
      (row) =>
        `cold run of a fresh ${row.preset} at ${number(row.ratio, 2)}× the shipped one (target ≤ 1.5): ${verdict(row.ratio <= 1.5)}`,
    ),
};
