// A database of its own for each PostgreSQL test run, on the server named by SIGNAL_MAP_TEST_PG; a fresh schema per store.

import pg from "pg";
import { afterAll } from "vitest";
import { openPostgresStore } from "../../store/postgres-store.js";
import type { Store } from "../../store/store.js";

const HOW_TO_START = `Start PostgreSQL and name it in SIGNAL_MAP_TEST_PG, e.g.
  pg_ctlcluster 15 main start
  su postgres -c "psql -c \\"ALTER USER postgres PASSWORD 'postgres'\\""
  export SIGNAL_MAP_TEST_PG=postgres://postgres:postgres@127.0.0.1:5432/postgres
(.ci/run does all of this.) These tests never skip: the PostgreSQL store is part of the product.`;

let database: Promise<string> | undefined;
let schemas = 0;

function serverUrl(): string {
  const url = process.env.SIGNAL_MAP_TEST_PG;
  if (url === undefined || url === "") throw new Error(`SIGNAL_MAP_TEST_PG is not set.\n${HOW_TO_START}`);
  return url;
}

async function createDatabase(): Promise<string> {
  const server = serverUrl();
  const name = `signal_map_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `cannot reach the PostgreSQL server in SIGNAL_MAP_TEST_PG: ${(error as Error).message}\n${HOW_TO_START}`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The URL of this run's database, created on first use and dropped after the file's tests. */
export function testDatabase(): Promise<string> {
  database ??= createDatabase();
  return database;
}

afterAll(async () => {
  if (database === undefined) return;
  const name = new URL(await database.catch(() => "postgres://x/none")).pathname.slice(1);
  if (name === "none") return;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** A name for a schema nobody else in this run uses. */
export function freshSchema(): string {
  return `s${++schemas}`;
}

/** `count` stores on one fresh schema, each with its own pool, as separate processes would have. */
export async function storesOnOneSchema(count: number): Promise<{ stores: Store[]; url: string; schema: string }> {
  const url = await testDatabase();
  const schema = freshSchema();
  const stores = await Promise.all(Array.from({ length: count }, () => openPostgresStore(url, { schema, max: 4 })));
  return { stores, url, schema };
}

/** A plain client on the test database with the schema on its search path, for looking under the store. */
export async function inspect<T>(schema: string, look: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await testDatabase(), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await look(client);
  } finally {
    await client.end();
  }
}
