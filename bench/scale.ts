// Part `scale`: events delivered per second end to end, and ingested per second, by 1, 2 and 3 `serve` processes on
// one PostgreSQL against one process on the SQLite default, in one run, against an emulator without a rate limit
// (and the integration's limit off), so the store and the processes are what is measured.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { DEFAULT_API_KEY } from "../presets/salesloft/emulator/index.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { startServeProcess, writeScaleConfig, type ServeProcess } from "./serve-process.js";
import { benchmarkStoreThroughput, type StoreThroughputRow } from "./store-throughput.js";
import { dropBenchDatabase } from "./pg-admin.js";

export interface ScaleRow {
  readonly store: "SQLite" | "PostgreSQL";
  readonly processes: number;
  readonly events: number;
  /** Events answered 200 per second, from the first request to the last answer. */
  readonly ingestPerSecond: number;
  /** Events at the emulator per second, from the first request posted to the last upsert's arrival. */
  readonly deliveredPerSecond: number;
  /** Upserts beyond one per event (none expected: no process is killed here). */
  readonly duplicates: number;
}

export interface ScaleResult {
  readonly events: number;
  readonly people: number;
  readonly posters: number;
  readonly rows: ScaleRow[];
  /** The store alone, without HTTP or transform (bench/store-throughput.ts), on `storeEvents` events per phase. */
  readonly storeEvents: number;
  readonly store: StoreThroughputRow[];
}

export interface ScaleOptions {
  readonly events: number;
  readonly people: number;
  /** Collection requests on the wire at once, spread round-robin over the processes. */
  readonly posters: number;
  readonly storeEvents: number;
  readonly log: (line: string) => void;
}

const WRITE_KEY = "wk_bench_scale";
const KEY_ENV = "SIGNAL_MAP_BENCH_SALESLOFT_KEY";
const AUTH = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`;

/** The server the part makes its databases on: SIGNAL_MAP_BENCH_PG, else the tests' SIGNAL_MAP_TEST_PG. */
function postgresServer(): string {
  const url = process.env.SIGNAL_MAP_BENCH_PG ?? process.env.SIGNAL_MAP_TEST_PG;
  if (url === undefined || url === "") {
    throw new Error("set SIGNAL_MAP_BENCH_PG (or SIGNAL_MAP_TEST_PG) to a PostgreSQL server URL (docs/scale-out.md)");
  }
  return url;
}

export async function benchmarkScale(options: ScaleOptions): Promise<ScaleResult> {
  const server = postgresServer();
  const dir = mkdtempSync(join(tmpdir(), "signal-map-bench-scale-"));
  const rows: ScaleRow[] = [];
  try {
    rows.push(await measure(`sqlite:${join(dir, "store.db")}`, "SQLite", 1, dir, options));
    for (const processes of [1, 2, 3]) {
      const database = `signal_map_bench_scale_${process.pid}_${processes}`;
      const url = await createDatabase(server, database);
      try {
        rows.push(await measure(url, "PostgreSQL", processes, dir, options));
      } finally {
        await dropDatabase(server, database);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  options.log("  the store alone (ingest and claim-and-complete, no HTTP):");
  const store = await benchmarkStoreThroughput(server, options.storeEvents);
  for (const row of store)
    options.log(`  ${row.label}: ${Math.round(row.ingests)} ingests/s, ${Math.round(row.claims)} claims/s`);
  const { events, people, posters, storeEvents } = options;
  return { events, people, posters, rows, storeEvents, store };
}

async function measure(
  store: string,
  label: ScaleRow["store"],
  count: number,
  dir: string,
  options: ScaleOptions,
): Promise<ScaleRow> {
  const emulator = await startEmulatorProcess({
    kind: "emulator",
    rateLimitPerMinute: 0,
    maxRequests: options.events * 2,
  });
  const configPath = join(dir, `config-${label}-${count}.json`);
  writeScaleConfig(configPath, {
    store,
    writeKey: WRITE_KEY,
    emulatorUrl: emulator.url,
    rateLimitPerMinute: 0,
    keyEnv: KEY_ENV,
  });
  const processes: ServeProcess[] = [];
  let emulatorRunning = true;
  try {
    for (let n = 0; n < count; n++) processes.push(await startServeProcess(configPath, { [KEY_ENV]: DEFAULT_API_KEY }));
    const started = Date.now();
    await postAll(processes, options);
    const ingestSeconds = (Date.now() - started) / 1000;
    await untilQueueEmpty(processes[0]!);
    emulatorRunning = false;
    const upserts = (await emulator.stop()).upserts.filter((u) => u.status === 200);
    if (upserts.length < options.events) {
      throw new Error(`${label} × ${count}: ${upserts.length} of ${options.events} events reached the emulator`);
    }
    const last = Math.max(...upserts.map((u) => u.time));
    const row: ScaleRow = {
      store: label,
      processes: count,
      events: options.events,
      ingestPerSecond: options.events / ingestSeconds,
      deliveredPerSecond: options.events / ((last - started) / 1000),
      duplicates: upserts.length - options.events,
    };
    options.log(
      `  ${label}, ${count} process(es): ingest ${Math.round(row.ingestPerSecond)}/s, delivered ${Math.round(row.deliveredPerSecond)}/s`,
    );
    return row;
  } finally {
    await Promise.allSettled(processes.map((p) => p.stop()));
    if (emulatorRunning) await emulator.stop().catch(() => undefined);
  }
}

/** Posts every event once (one per request, as browsers do), round-robin; a failed request goes to the next process. */
async function postAll(processes: readonly ServeProcess[], options: ScaleOptions): Promise<void> {
  let next = 0;
  const poster = async () => {
    for (let i = next++; i < options.events; i = next++) {
      const body = JSON.stringify({
        type: "identify",
        messageId: `scale-${i}`,
        traits: { email: `person${i % options.people}@example.com`, title: `event ${i}` },
      });
      for (let attempt = 0; ; attempt++) {
        const url = processes[(i + attempt) % processes.length]!.url;
        // A keep-alive connection the server closed just as it was reused fails without an answer: post it again
        // (the same messageId, so it is stored once).
        const res = await fetch(`${url}/v1/identify`, { method: "POST", headers: { Authorization: AUTH }, body }).catch(
          (error: unknown) => error as Error,
        );
        if (!(res instanceof Error)) await res.arrayBuffer();
        if (!(res instanceof Error) && res.status === 200) break;
        if (attempt >= 20) {
          const why = res instanceof Error ? res.message : `HTTP ${res.status}`;
          throw new Error(`event ${i} was refused twenty times, the last with ${why}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.posters }, poster));
}

/** Waits until the shared store has nothing pending (any process's /metrics reads the whole store). */
async function untilQueueEmpty(process: ServeProcess): Promise<void> {
  for (let look = 0; look < 6_000; look++) {
    const text = await (await fetch(`${process.url}/metrics`)).text();
    const depth = /^signal_map_queue_depth (\d+)/m.exec(text);
    if (depth !== null && Number(depth[1]) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the queue did not empty within 10 minutes");
}

async function createDatabase(server: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await dropBenchDatabase(admin, name);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(server: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await dropBenchDatabase(admin, name);
  } finally {
    await admin.end();
  }
}
