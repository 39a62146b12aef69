// The scale-out store: PostgreSQL through `pg`, shared by several `serve` processes.
//
// Ingests waiting together are committed in one transaction (group commit). Claims lock due heads with FOR UPDATE
// SKIP LOCKED, so processes never hand out the same row; every change to a person's queue (ingest, complete, expire,
// replay) first takes that person's advisory lock, so a head never advances past a row another transaction is adding.

import type pg from "pg";
import { rowView, type OutboxRecord } from "./rows.js";
import { SQL } from "./postgres-queries.js";
import { migrate } from "./postgres-schema.js";
import { AsyncGroupCommit } from "./postgres-group-commit.js";
import { decideRate } from "./rate-window.js";
import {
  createPool,
  escapeKey,
  inTransaction,
  lockPeople,
  personLockKey,
  redactUrl,
  safeText,
  unescapeKey,
  type Client,
  type PoolOptions,
} from "./postgres-pool.js";
import { ingestBatch } from "./postgres-ingest.js";
import { advanceHead, completeBatch, type CompletionItem } from "./postgres-complete.js";
import type {
  ClaimedRow,
  Completion,
  EventFilter,
  EventView,
  IncomingEvent,
  IngestResult,
  RateDecision,
  Store,
  StoreStats,
} from "./store.js";

export type PostgresStoreOptions = PoolOptions;

/** Connects to PostgreSQL at `url` and brings its schema up to date; refuses a schema from a newer program. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = createPool(url, options);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason}`);
  }
  try {
    await migrate(client, options.schema);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  return new PostgresStore(pool);
}

/** A row as PostgreSQL returns it, order key and all, read back into the form the shared helpers expect. */
function fromDb(r: OutboxRecord): OutboxRecord {
  return r.has_person ? { ...r, order_key: `p:${unescapeKey(r.order_key.slice(2))}` } : r;
}

class PostgresStore implements Store {
  private readonly commits: AsyncGroupCommit<IncomingEvent, boolean>;
  private readonly completions: AsyncGroupCommit<CompletionItem, void>;

  constructor(private readonly pool: pg.Pool) {
    this.commits = new AsyncGroupCommit((batch) => inTransaction(pool, (client) => ingestBatch(client, batch)));
    this.completions = new AsyncGroupCommit((batch) => inTransaction(pool, (client) => completeBatch(client, batch)));
  }

  async ingest(events: readonly IncomingEvent[]): Promise<IngestResult> {
    const inserted = await this.commits.submit(events);
    const stored = inserted.filter(Boolean).length;
    return { stored, duplicates: inserted.length - stored };
  }

  async claim(
    owner: string,
    limit: number,
    now: number,
    leaseMs: number,
    integrations: readonly string[],
  ): Promise<ClaimedRow[]> {
    if (limit <= 0 || integrations.length === 0) return [];
    const { rows } = await this.pool.query(SQL.claim, [now, integrations, limit, now + leaseMs, safeText(owner)]);
    rows.sort((a, b) => a.due_at - b.due_at || a.id - b.id);
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      integration: r.integration,
      orderKey: r.has_person ? unescapeKey(r.order_key.slice(2)) : null,
      payload: r.payload,
      attempts: r.attempts,
      createdAt: r.created_at,
    }));
  }

  async complete(id: number, owner: string, completion: Completion, now: number): Promise<void> {
    await this.completions.submit([{ id, owner, completion, now }]);
  }

  async expire(now: number, maxAgeMs: number): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      const candidates = (await c.query(SQL.expired, [now - maxAgeMs, now])).rows as OutboxRecord[];
      if (candidates.length === 0) return 0;
      await lockPeopleAndHeads(c, candidates);
      // Read again under the locks: a row may have been delivered or claimed since, and no claim can now start.
      const old = (await c.query(SQL.expired, [now - maxAgeMs, now])).rows as OutboxRecord[];
      const detail = `not delivered within ${Math.round(maxAgeMs / 1000)} s of being received`;
      for (const row of old) await c.query(SQL.finishRow, ["dead", 0, detail, row.history, now, row.id]);
      for (const row of old) await advanceHead(c, row.integration, row.order_key);
      return old.length;
    });
  }

  async retryNow(integration: string, now: number): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      await c.query(SQL.wakeRows, [now, integration]);
      return (await c.query(SQL.wakeHeads, [now, integration])).rowCount ?? 0;
    });
  }

  async replay(ids: readonly number[] | "all-dead", now: number): Promise<{ requeued: number; superseded: number }> {
    return inTransaction(this.pool, async (c) => {
      const select = () => (ids === "all-dead" ? c.query(SQL.allDead) : c.query(SQL.rowsById, [ids]));
      await lockPeopleAndHeads(c, (await select()).rows as OutboxRecord[]);
      const rows = ((await select()).rows as OutboxRecord[]).filter((r) => r.state === "dead" || r.state === "failed");
      let requeued = 0;
      let superseded = 0;
      for (const row of rows) {
        const later = row.has_person && (await c.query(SQL.laterDelivered, [row.integration, row.order_key, row.id]));
        if (later && later.rowCount! > 0) {
          const detail = "a later event of the same person was delivered";
          await c.query(SQL.finishRow, ["superseded", 0, detail, row.history, now, row.id]);
          superseded++;
          continue;
        }
        await c.query(SQL.requeue, [now, row.id]);
        // A person with a row on the wire keeps that head; its completion moves the head to the oldest pending row.
        const onWire = await c.query(SQL.leasedHead, [row.integration, row.order_key, now]);
        if (onWire.rowCount === 0) await advanceHead(c, row.integration, row.order_key);
        requeued++;
      }
      return { requeued, superseded };
    });
  }

  async prune(olderThan: number): Promise<number> {
    return (await this.pool.query(SQL.prune, [olderThan])).rowCount ?? 0;
  }

  async recent(limit: number, filter: EventFilter = {}): Promise<EventView[]> {
    const like = filter.text === undefined ? null : `%${safeText(filter.text)}%`;
    const { rows } = await this.pool.query(SQL.recentEvents, [
      filter.beforeId ?? Number.MAX_SAFE_INTEGER,
      filter.integration ?? null,
      filter.state ?? null,
      like,
      limit,
    ]);
    const views = await Promise.all(rows.map((r: { id: number }) => this.view(r.id)));
    return views.filter((v): v is EventView => v !== undefined);
  }

  async event(id: number): Promise<EventView | undefined> {
    return this.view(id);
  }

  private async view(id: number): Promise<EventView | undefined> {
    const e = (await this.pool.query(SQL.eventById, [id])).rows[0];
    if (e === undefined) return undefined;
    const rows = ((await this.pool.query(SQL.rowsOfEvent, [id])).rows as OutboxRecord[]).map((r) => rowView(fromDb(r)));
    const messageId = unescapeKey(e.message_id);
    return { id, source: unescapeKey(e.source), messageId, receivedAt: e.received_at, payload: e.payload, rows };
  }

  async stats(): Promise<StoreStats> {
    const counts = (await this.pool.query(SQL.countByState)).rows as { state: string; n: number }[];
    const byState = Object.fromEntries(counts.map((c) => [c.state, c.n]));
    const oldest = (await this.pool.query(SQL.oldestPendingAt)).rows[0] as { at: number | null };
    return { pending: byState.pending ?? 0, oldestPendingAt: oldest.at, byState };
  }

  async acquireRate(key: string, limit: number, windowMs: number, now: number): Promise<RateDecision> {
    const args = [escapeKey(key), now, windowMs, limit];
    let granted = await this.pool.query(SQL.acquireRate, args);
    if (granted.rowCount === 0) {
      await this.pool.query(SQL.ensureRateKey, [escapeKey(key)]);
      granted = await this.pool.query(SQL.acquireRate, args);
    }
    if (granted.rowCount! > 0) return { ok: true };
    const inWindow = (await this.pool.query(SQL.grantsInWindow, [escapeKey(key), now, windowMs])).rows;
    const decision = decideRate(
      inWindow.map((r: { g: number }) => r.g),
      limit,
      windowMs,
      now,
    );
    // Granted meanwhile elsewhere or not, a refusal stays a refusal: the caller asks again at the time given.
    return decision.ok ? { ok: false, retryAtMs: now + 1 } : decision;
  }

  async close(): Promise<void> {
    await this.commits.drain();
    await this.completions.drain();
    await this.pool.end();
  }
}

/** The person locks, then their heads (the order completions use), so no claim moves these queues meanwhile. */
async function lockPeopleAndHeads(c: Client, rows: readonly OutboxRecord[]): Promise<void> {
  await lockPeople(
    c,
    rows.map((r) => personLockKey(r.integration, r.order_key)),
  );
  await c.query(SQL.lockHeads, [rows.map((r) => r.integration), rows.map((r) => r.order_key)]);
}
