// `node dist/bench/store-rate-approaches.js`: the two shared rate limiters considered for issue 15, measured on one
// PostgreSQL with three pools (three processes' worth): a fixed-window counter row upserted per request, and the
// store's sliding window (one row per key holding the grants of the last window). Needs SIGNAL_MAP_BENCH_PG or
// SIGNAL_MAP_TEST_PG; makes a database of its own and drops it.

import pg from "pg";
import { openPostgresStore } from "../store/postgres-store.js";
import { dropBenchDatabase } from "./pg-admin.js";

const LIMIT = 600;
const WINDOW_MS = 60_000;
const REQUESTS = 3_000;
const POOLS = 3;
const CALLERS_PER_POOL = 8;

type Acquire = (now: number) => Promise<boolean>;

function fixedWindow(pool: pg.Pool): Acquire {
  return async (now) => {
    const start = now - (now % WINDOW_MS);
    const { rowCount } = await pool.query(
      `INSERT INTO rate_fixed (key, window_start, used) VALUES ('team', $1, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET used = rate_fixed.used + 1 WHERE rate_fixed.used < $2
       RETURNING used`,
      [start, LIMIT],
    );
    return rowCount! > 0;
  };
}

/** Every caller asks in turn; the shared clock moves 50 ms a request, so twice the limit asks. */
async function run(acquirers: readonly Acquire[]): Promise<{ perSecond: number; granted: number }> {
  let issued = 0;
  let granted = 0;
  const caller = async (acquire: Acquire) => {
    while (issued < REQUESTS) if (await acquire(1_000_000 + 50 * issued++)) granted++;
  };
  const start = performance.now();
  await Promise.all(acquirers.flatMap((a) => Array.from({ length: CALLERS_PER_POOL }, () => caller(a))));
  return { perSecond: REQUESTS / ((performance.now() - start) / 1000), granted };
}

async function main(): Promise<void> {
  const server = process.env.SIGNAL_MAP_BENCH_PG ?? process.env.SIGNAL_MAP_TEST_PG;
  if (server === undefined)
    throw new Error("set SIGNAL_MAP_BENCH_PG (or SIGNAL_MAP_TEST_PG) to a PostgreSQL server URL");
  const name = `signal_map_rate_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    const pools = Array.from({ length: POOLS }, () => new pg.Pool({ connectionString: url.toString(), max: 8 }));
    await pools[0].query(
      `CREATE UNLOGGED TABLE rate_fixed (key TEXT, window_start BIGINT, used INT, PRIMARY KEY (key, window_start))`,
    );
    const fixed = await run(pools.map(fixedWindow));
    await Promise.all(pools.map((p) => p.end()));
    const stores = await Promise.all(Array.from({ length: POOLS }, () => openPostgresStore(url.toString())));
    const sliding = await run(
      stores.map((s) => async (now: number) => (await s.acquireRate!("team", LIMIT, WINDOW_MS, now)).ok),
    );
    await Promise.all(stores.map((s) => s.close()));
    console.log(
      `${REQUESTS} requests, ${POOLS} pools × ${CALLERS_PER_POOL} callers, limit ${LIMIT} per ${WINDOW_MS} ms`,
    );
    console.log(`fixed-window counter: ${Math.round(fixed.perSecond)} decisions/s, ${fixed.granted} granted`);
    console.log(`sliding window (store): ${Math.round(sliding.perSecond)} decisions/s, ${sliding.granted} granted`);
  } finally {
    await dropBenchDatabase(admin, name);
    await admin.end();
  }
}

await main();
