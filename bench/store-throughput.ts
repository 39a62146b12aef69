// `node dist/bench/store-throughput.js [--events N]` (and the second table of `npm run bench`'s part `scale`):
// ingests/s and claims/s of 1, 2 and 3 PostgreSQL stores (each its own process and pool) on one server against the
// SQLite store, in one run, as ratios. Needs a PostgreSQL server URL in SIGNAL_MAP_BENCH_PG or SIGNAL_MAP_TEST_PG;
// it makes a database of its own and drops it afterwards.

import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openPostgresStore } from "../store/postgres-store.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { IncomingEvent, Store } from "../store/store.js";
import { dropBenchDatabase } from "./pg-admin.js";

interface Task {
  readonly store: string; // "sqlite:PATH" or a postgres URL
  readonly schema?: string;
  readonly phase: "ingest" | "claim";
  readonly instance: number;
  readonly events: number;
}

const PEOPLE = 2_000;
const INGEST_CONCURRENCY = 64;
const CLAIM_BATCH = 32;

function event(phase: string, instance: number, i: number): IncomingEvent {
  const messageId = `${phase}-${instance}-${i}`;
  const person = `person${(i * 7 + instance) % PEOPLE}@example.com`;
  const payload = JSON.stringify({ type: "track", event: "Lead Generated", messageId, traits: { email: person } });
  return { source: "web", messageId, payload, receivedAt: 1, routes: [{ integration: "salesloft", orderKey: person }] };
}

async function open(task: Pick<Task, "store" | "schema">): Promise<Store> {
  if (task.store.startsWith("sqlite:")) return openSqliteStore(task.store.slice("sqlite:".length));
  return openPostgresStore(task.store, { schema: task.schema, max: 8 });
}

/** Ingests `events` events, INGEST_CONCURRENCY callers at a time (as collection requests arrive), one event each. */
async function ingest(store: Store, task: Task): Promise<number> {
  let next = 0;
  const caller = async () => {
    while (next < task.events) await store.ingest([event("ingest", task.instance, next++)]);
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, caller));
  return task.events;
}

/** Claims and completes (delivered) until nothing is left: one worker as `serve` runs it, without the HTTP call. */
async function claimAll(store: Store, task: Task): Promise<number> {
  let done = 0;
  let now = 10;
  for (let idle = 0; idle < 3;) {
    const rows = await store.claim(`w${task.instance}`, CLAIM_BATCH, ++now, 600_000, ["salesloft"]);
    idle = rows.length === 0 ? idle + 1 : 0;
    const attempt = { at: now, durationMs: 1, httpStatus: 200 };
    await Promise.all(rows.map((r) => store.complete(r.id, `w${task.instance}`, { state: "delivered", attempt }, now)));
    done += rows.length;
  }
  return done;
}

/** Child: opens the store, says ready, waits for go, runs its part, reports the count. */
async function child(task: Task): Promise<void> {
  const store = await open(task);
  process.send!({ ready: true });
  await new Promise((go) => process.once("message", go));
  const count = task.phase === "ingest" ? await ingest(store, task) : await claimAll(store, task);
  await store.close();
  process.send!({ count });
  process.disconnect();
}

/** Runs one task per process, starts them together, and gives the combined rate per second. */
async function runTogether(tasks: readonly Task[]): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const children = tasks.map((t) => fork(self, ["--child", JSON.stringify(t)], { execArgv: [] }));
  const message = (c: ReturnType<typeof fork>) =>
    new Promise<{ ready?: boolean; count?: number }>((resolve, reject) => {
      c.once("message", (m) => resolve(m as { ready?: boolean; count?: number }));
      c.once("exit", (code) => reject(new Error(`a benchmark process exited with code ${code}`)));
    });
  await Promise.all(children.map(message));
  const results = children.map(message);
  const start = performance.now();
  for (const c of children) c.send("go");
  const counts = await Promise.all(results);
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(
    children.map((c) => new Promise((exited) => (c.exitCode === null ? c.once("exit", exited) : exited(0)))),
  );
  return counts.reduce((sum, r) => sum + (r.count ?? 0), 0) / seconds;
}

async function preload(target: Pick<Task, "store" | "schema">, events: number): Promise<void> {
  const store = await open(target);
  for (let i = 0; i < events; i += 500) {
    await store.ingest(Array.from({ length: Math.min(500, events - i) }, (_, j) => event("backlog", 0, i + j)));
  }
  await store.close();
}

async function measure(target: Pick<Task, "store" | "schema">, instances: number, events: number) {
  const share = (i: number) => Math.floor(events / instances) + (i < events % instances ? 1 : 0);
  const tasks = (phase: Task["phase"]) =>
    Array.from({ length: instances }, (_, i) => ({ ...target, phase, instance: i, events: share(i) }));
  const ingests = await runTogether(tasks("ingest"));
  // The claim phase drains the ingested events plus a backlog of the same size.
  await preload(target, events);
  const claims = await runTogether(tasks("claim"));
  return { ingests, claims };
}

export interface StoreThroughputRow {
  readonly label: string;
  readonly ingests: number;
  readonly claims: number;
}

/** The store alone (no HTTP, no transform): SQLite, then 1, 2 and 3 PostgreSQL stores on a database of its own. */
export async function benchmarkStoreThroughput(server: string, events: number): Promise<StoreThroughputRow[]> {
  const name = `signal_map_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await dropBenchDatabase(admin, name);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), "signal-map-bench-store-"));
  try {
    const rows: StoreThroughputRow[] = [];
    rows.push({ label: "SQLite", ...(await measure({ store: `sqlite:${join(dir, "store.db")}` }, 1, events)) });
    for (const n of [1, 2, 3]) {
      const label = `PostgreSQL, ${n} process${n > 1 ? "es" : ""}`;
      rows.push({ label, ...(await measure({ store: url.toString(), schema: `bench${n}` }, n, events)) });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropBenchDatabase(admin, name);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const server = process.env.SIGNAL_MAP_BENCH_PG ?? process.env.SIGNAL_MAP_TEST_PG;
  if (server === undefined)
    throw new Error("set SIGNAL_MAP_BENCH_PG (or SIGNAL_MAP_TEST_PG) to a PostgreSQL server URL");
  const events = Number(process.argv[process.argv.indexOf("--events") + 1] ?? NaN) || 10_000;
  const rows = await benchmarkStoreThroughput(server, events);
  const base = rows[0]!;
  console.log(`${events} events per phase, ${PEOPLE} people; ratios to SQLite in the same run`);
  console.log("| store | ingests/s | × SQLite | claims/s | × SQLite |\n|---|---:|---:|---:|---:|");
  for (const r of rows) {
    const f = (x: number) => Math.round(x).toLocaleString("en-GB");
    const ratio = (x: number, b: number) => `${(x / b).toFixed(2)}×`;
    console.log(
      `| ${r.label} | ${f(r.ingests)} | ${ratio(r.ingests, base.ingests)} | ${f(r.claims)} | ${ratio(r.claims, base.claims)} |`,
    );
  }
}

// Run directly (the standalone script, or a forked measuring child); imported by the `scale` part, it only exports.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") await child(JSON.parse(process.argv[3]!) as Task);
  else await main();
}
