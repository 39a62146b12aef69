// Bench part ingest: serve against a bare node:http floor writing the same rows to the same store, and the time a
// lead takes from POST /v1/track to the Salesloft emulator's 200 (bench/ingest.ts measures; this file reads it out).

import { ms, number, table } from "./format.js";
import { benchmarkIngest, type IngestResult } from "./ingest.js";
import { bySize, type BenchPart } from "./part.js";

const SIZES = {
  full: {
    runs: 3,
    warmupMs: 1_000,
    durationMs: 8_000,
    connections: 16,
    batchSize: 20,
    leadsAlone: 300,
    leadsUnderLoad: 200,
  },
  smoke: { runs: 1, warmupMs: 100, durationMs: 500, connections: 4, batchSize: 5, leadsAlone: 5, leadsUnderLoad: 5 },
};

export const ingestPart: BenchPart<IngestResult> = {
  name: "ingest",
  title: "Ingestion: serve against a bare node:http floor, and a lead's time to land",
  sizes: (mode) => `ingest ${bySize(mode, SIZES).runs} × ${number(bySize(mode, SIZES).durationMs / 1000, 1)} s`,
  run: ({ mode, log }) => benchmarkIngest(bySize(mode, SIZES), log),
  render: renderIngest,
};

function renderIngest(value: IngestResult): string {
  const { sizes, rows, ratio, leadAlone, leadUnderLoad } = value;
  let text = `${sizes.connections} keep-alive connections (undici) post for ${number(sizes.durationMs / 1000, 1)} s after a ${number(sizes.warmupMs / 1000, 1)} s warm-up: three \`/v1/track\` leads, then a \`/v1/batch\` of ${sizes.batchSize}, over and over. Each server, the load generator and the emulator run in their own processes; each server is fresh per run and must hold every event it answered 200. Medians of ${sizes.runs} run(s); method: bench/README.md.\n\n`;
  const floor = rows.find((row) => row.server === "floor")!.medianEventsPerSecond;
  text += table(
    ["server", "events/s accepted durably", "× floor", "request p50", "request p99", "runs (events/s)"],
    rows.map((row) => [
      row.server === "serve" ? "serve (Salesloft routed, paused)" : "floor: node:http + the same store",
      number(row.medianEventsPerSecond),
      number(row.medianEventsPerSecond / floor, 2),
      ms(row.medianP50Ms),
      ms(row.medianP99Ms),
      row.runs.map((run) => number(run.events / run.seconds)).join(", "),
    ]),
  );
  text += `\n\nserve accepts ${number(ratio, 2)}× the floor's events per second.\n\n`;
  text +=
    "A lead from the start of its `POST /v1/track` to the Salesloft emulator's 200 (serve delivering, rate limits lifted):\n\n";
  const background = leadUnderLoad.load;
  const lines: [string, IngestResult["leadAlone"]][] = [
    ["nothing else (one lead at a time)", leadAlone],
    [
      `page views at ${number(background.events / background.seconds)} events/s from ${sizes.connections} connections`,
      leadUnderLoad,
    ],
  ];
  text += table(
    ["while", "leads", "p50", "p99", "max"],
    lines.map(([label, stats]) => [label, number(stats.leads), ms(stats.p50Ms), ms(stats.p99Ms), ms(stats.maxMs)]),
  );
  return text + "\n\n";
}
