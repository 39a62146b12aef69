// The PostgreSQL store's schema as versioned migrations, applied once however many processes start together.

import type { PoolClient } from "pg";
import { StoreVersionError } from "./store.js";

export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: events, their outbox rows, the head of each person's queue, and the shared rate windows.
  `
  CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    message_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (source, message_id)
  );
  CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    integration TEXT NOT NULL,
    order_key TEXT NOT NULL,
    has_person SMALLINT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    lease_owner TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    detail TEXT,
    history TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX outbox_person_pending ON outbox (integration, order_key, id) WHERE state = 'pending';
  CREATE INDEX outbox_person ON outbox (integration, order_key, id);
  CREATE INDEX outbox_event ON outbox (event_id);
  CREATE INDEX outbox_state ON outbox (state, created_at);
  CREATE TABLE heads (
    integration TEXT NOT NULL,
    order_key TEXT NOT NULL,
    head_id BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    lease_until BIGINT,
    PRIMARY KEY (integration, order_key)
  );
  CREATE INDEX heads_due ON heads (due_at, head_id);
  -- Unlogged: a rate window is worth no fsync, and a crash of the server forgets at most one window of grants.
  CREATE UNLOGGED TABLE rate_grants (
    key TEXT PRIMARY KEY,
    grants BIGINT[] NOT NULL
  );
  `,
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/** The advisory lock every migrating process takes first (a constant: "sigmap" in ASCII). */
const MIGRATION_LOCK = 0x7369676d6170;

/** Brings the schema up to this program's version in one transaction; refuses a newer one. */
export async function migrate(client: PoolClient, schema: string | undefined): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    // The name is checked (lower-case letters, digits, _) where the pool is made.
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS signal_map_schema (
         version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number }>(
      "SELECT COALESCE(MAX(version), 0)::int AS v FROM signal_map_schema",
    );
    const version = rows[0].v;
    if (version > POSTGRES_SCHEMA_VERSION) {
      throw new StoreVersionError(
        `the store was written by a newer signal-map (schema ${version}; this program knows ${POSTGRES_SCHEMA_VERSION}): upgrade signal-map`,
      );
    }
    for (let v = version; v < POSTGRES_SCHEMA_VERSION; v++) {
      await client.query(POSTGRES_MIGRATIONS[v]);
      await client.query("INSERT INTO signal_map_schema (version) VALUES ($1)", [v + 1]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
