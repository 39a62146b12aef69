// Bench part scale: serve processes on one PostgreSQL (1, 2, 3) against one on the SQLite default, end to end and for
// the store alone (bench/scale.ts measures; this file reads it out).

import { number, table } from "./format.js";
import { bySize, type BenchPart } from "./part.js";
import { benchmarkScale, type ScaleResult } from "./scale.js";

const SIZES = {
  full: { events: 6_000, people: 2_000, posters: 64, storeEvents: 5_000 },
  smoke: { events: 200, people: 50, posters: 8, storeEvents: 200 },
};

export const scalePart: BenchPart<ScaleResult> = {
  name: "scale",
  title: "Scale-out: `serve` processes on one PostgreSQL against the SQLite default",
  sizes: (mode) => `scale ${number(bySize(mode, SIZES).events)} events`,
  run: ({ mode, log }) => benchmarkScale({ ...bySize(mode, SIZES), log }),
  render: renderScale,
};

function renderScale(value: ScaleResult): string {
  let text = "";
  const { events, people, posters, rows } = value;
  text += `Real \`signal-map serve\` processes (dist/cli/main.js), each with its own port; ${number(events)} identify calls for ${number(people)} people posted one per request, ${posters} at a time, round-robin over the processes; the Salesloft emulator in its own process without a rate limit, and the integration's \`rateLimitPerMinute\` 0, so the store and the processes are measured. Ingest: events answered 200 per second. Delivered: events at the emulator per second, from the first post to the last upsert. Ratios are to the SQLite row of this run. Everything (PostgreSQL, the processes, the emulator, the poster) shares the machine.\n\n`;
  const base = rows.find((row) => row.store === "SQLite");
  const ratio = (value: number, of: number | undefined) => (of ? `${number(value / of, 2)}×` : "n/a");
  text += table(
    ["store", "processes", "ingest events/s", "× SQLite", "delivered events/s", "× SQLite", "duplicates"],
    rows.map((row) => [
      row.store,
      String(row.processes),
      number(row.ingestPerSecond),
      ratio(row.ingestPerSecond, base?.ingestPerSecond),
      number(row.deliveredPerSecond),
      ratio(row.deliveredPerSecond, base?.deliveredPerSecond),
      String(row.duplicates),
    ]),
  );
  text += `\n\nThe store alone (bench/store-throughput.ts, no HTTP and no transform): ${number(value.storeEvents)} events per phase; ingest is 64 callers per process storing one event each, claims are one worker per process claiming 32 rows at a time and completing each as delivered.\n\n`;
  const first = value.store[0];
  text += table(
    ["store", "ingests/s", "× SQLite", "claims/s", "× SQLite"],
    value.store.map((row) => [
      row.label,
      number(row.ingests),
      ratio(row.ingests, first?.ingests),
      number(row.claims),
      ratio(row.claims, first?.claims),
    ]),
  );
  return text + "\n\nHow it scales further, and why: docs/scale-out.md.\n\n";
}
