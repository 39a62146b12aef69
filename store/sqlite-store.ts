// The embedded store: SQLite (through libsql, a prebuilt SQLite) in WAL mode with synchronous=FULL.
//
// Every ingest waiting in the same turn of the event loop is committed in one transaction (group commit), and each
// caller is answered only after that commit returns, so a 200 always means the event is on disk.

import Database from "libsql";
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from "./sqlite-schema.js";
import { GroupCommit } from "./group-commit.js";
import { transaction } from "./sqlite-transaction.js";
import { appendHistory, orderKeyOf, personKey, rowView, type OutboxRecord } from "./rows.js";
import { RateWindows } from "./rate-window.js";
import { statements } from "./sqlite-statements.js";
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
import { StoreVersionError } from "./store.js";

type Db = InstanceType<typeof Database>;

interface CompletionItem {
  readonly id: number;
  readonly owner: string;
  readonly completion: Completion;
  readonly now: number;
}

export { StoreVersionError };

/** Opens (creating and migrating when needed) the SQLite store at `path`. */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");
  migrate(db);
  // One process owns a SQLite file (docs/serve.md): leases left by a process that was killed are its own, so they
  // are released at once instead of after they run out, and a restart delivers at once what was on the wire.
  db.exec("UPDATE heads SET lease_until = NULL WHERE lease_until IS NOT NULL");
  db.exec("UPDATE outbox SET lease_owner = NULL WHERE lease_owner IS NOT NULL AND state = 'pending'");
  return new SqliteStore(db);
}

function migrate(db: Db): void {
  const version = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new StoreVersionError(
      `the store was written by a newer signal-map (schema ${version}; this program knows ${SQLITE_SCHEMA_VERSION}): upgrade signal-map`,
    );
  }
  for (let v = version; v < SQLITE_SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[v]);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    })();
  }
}

class SqliteStore implements Store {
  private readonly commits: GroupCommit<IncomingEvent, boolean>;
  private readonly completions: GroupCommit<CompletionItem, void>;
  private readonly q;
  private readonly rates = new RateWindows();

  constructor(private readonly db: Db) {
    this.q = statements(db);
    this.commits = new GroupCommit((batch) => transaction(db, () => batch.map((e) => this.insert(e))));
    // Completions of requests that finish together share one commit (one fsync), as ingests do.
    this.completions = new GroupCommit((batch) => transaction(db, () => batch.map((c) => this.completeOne(c))));
  }

  async ingest(events: readonly IncomingEvent[]): Promise<IngestResult> {
    const inserted = await this.commits.submit(events);
    const stored = inserted.filter(Boolean).length;
    return { stored, duplicates: inserted.length - stored };
  }

  private insert(event: IncomingEvent): boolean {
    const row = this.q.insertEvent.get(event.source, event.messageId, event.receivedAt, event.payload) as
      { id: number } | undefined;
    if (row === undefined) return false;
    for (const route of event.routes) {
      const key = personKey(route.orderKey, row.id);
      const state = route.settled?.state ?? "pending";
      const outbox = this.q.insertRow.get(
        row.id,
        route.integration,
        key,
        route.orderKey === undefined ? 0 : 1,
        state,
        state === "pending" ? event.receivedAt : null,
        event.receivedAt,
        route.settled?.detail ?? null,
        state === "pending" ? null : event.receivedAt,
      ) as { id: number };
      if (state === "pending") this.q.insertHead.run(route.integration, key, outbox.id, event.receivedAt);
    }
    return true;
  }

  async claim(
    owner: string,
    limit: number,
    now: number,
    leaseMs: number,
    integrations: readonly string[],
  ): Promise<ClaimedRow[]> {
    // A lease need not survive a crash (a restart releases them all), so claiming skips the fsync that every
    // durable commit pays; the WAL frames reach the disk with the next durable commit.
    this.db.exec("PRAGMA synchronous = OFF");
    try {
      return this.claimRows(owner, limit, now, leaseMs, integrations);
    } finally {
      this.db.exec("PRAGMA synchronous = FULL");
    }
  }

  private claimRows(
    owner: string,
    limit: number,
    now: number,
    leaseMs: number,
    integrations: readonly string[],
  ): ClaimedRow[] {
    return transaction(this.db, () => {
      const heads = this.q.dueHeads.all(now, now, JSON.stringify(integrations), limit) as { head_id: number }[];
      return heads.map(({ head_id }) => {
        this.q.leaseHead.run(now + leaseMs, head_id);
        this.q.leaseRow.run(owner, head_id);
        const r = this.q.claimed.get(head_id) as OutboxRecord & { payload: string };
        return {
          id: r.id,
          eventId: r.event_id,
          integration: r.integration,
          orderKey: r.has_person ? orderKeyOf(r.order_key) : null,
          payload: r.payload,
          attempts: r.attempts,
          createdAt: r.created_at,
        };
      });
    });
  }

  async complete(id: number, owner: string, completion: Completion, now: number): Promise<void> {
    await this.completions.submit([{ id, owner, completion, now }]);
  }

  /** One completion, inside the group's transaction; a late answer from a lease that was lost is ignored. */
  private completeOne({ id, owner, completion, now }: CompletionItem): void {
    {
      const row = this.q.rowById.get(id) as OutboxRecord | undefined;
      if (row === undefined || row.state !== "pending" || row.lease_owner !== owner) return;
      const history = appendHistory(row.history, "attempt" in completion ? completion.attempt : undefined);
      if (completion.state === "retry") {
        this.q.retryRow.run(completion.nextAttemptAt, history, id);
        this.q.retryHead.run(completion.nextAttemptAt, row.integration, row.order_key);
        return;
      }
      const detail = completion.state === "delivered" ? JSON.stringify(completion.warnings ?? []) : completion.detail;
      const attempts = completion.state === "delivered" || completion.attempt ? 1 : 0;
      this.q.finishRow.run(completion.state, attempts, detail, history, now, id);
      this.advanceHead(row.integration, row.order_key);
    }
  }

  /** Points the person's head at their oldest pending row, or removes it when nothing is pending. */
  private advanceHead(integration: string, key: string): void {
    const next = this.q.oldestPending.get(integration, key) as { id: number; next_attempt_at: number } | undefined;
    if (next === undefined) this.q.deleteHead.run(integration, key);
    else this.q.upsertHead.run(integration, key, next.id, next.next_attempt_at);
  }

  async expire(now: number, maxAgeMs: number): Promise<number> {
    return transaction(this.db, () => {
      const old = this.q.expired.all(now - maxAgeMs) as OutboxRecord[];
      const detail = `not delivered within ${Math.round(maxAgeMs / 1000)} s of being received`;
      for (const row of old) this.q.finishRow.run("dead", 0, detail, row.history, now, row.id);
      for (const row of old) this.advanceHead(row.integration, row.order_key);
      return old.length;
    });
  }

  async replay(ids: readonly number[] | "all-dead", now: number): Promise<{ requeued: number; superseded: number }> {
    return transaction(this.db, () => {
      const candidates = (ids === "all-dead" ? this.q.allDead.all() : ids.map((id) => this.q.rowById.get(id))) as (
        OutboxRecord | undefined
      )[];
      const rows = candidates.filter((r): r is OutboxRecord => r?.state === "dead" || r?.state === "failed");
      let requeued = 0;
      let superseded = 0;
      for (const row of rows) {
        if (row.has_person && this.q.laterDelivered.get(row.integration, row.order_key, row.id) !== undefined) {
          this.q.finishRow.run(
            "superseded",
            0,
            "a later event of the same person was delivered",
            row.history,
            now,
            row.id,
          );
          superseded++;
          continue;
        }
        this.q.requeue.run(now, row.id);
        this.advanceHead(row.integration, row.order_key);
        requeued++;
      }
      return { requeued, superseded };
    });
  }

  async retryNow(integration: string, now: number): Promise<number> {
    return transaction(this.db, () => {
      this.q.wakeRows.run(now, integration, now);
      return Number(this.q.wakeHeads.run(now, integration, now, now).changes);
    });
  }

  async prune(olderThan: number): Promise<number> {
    return Number(this.q.prune.run(olderThan).changes);
  }

  async recent(limit: number, filter: EventFilter = {}): Promise<EventView[]> {
    const like = filter.text === undefined ? null : `%${filter.text}%`;
    const rows = this.q.recentEvents.all(
      filter.beforeId ?? Number.MAX_SAFE_INTEGER,
      filter.integration ?? null,
      filter.integration ?? null,
      filter.state ?? null,
      filter.state ?? null,
      like,
      like,
      like,
      limit,
    ) as { id: number }[];
    return rows.map((r) => this.view(r.id)).filter((v): v is EventView => v !== undefined);
  }

  async event(id: number): Promise<EventView | undefined> {
    return this.view(id);
  }

  private view(id: number): EventView | undefined {
    const e = this.q.eventById.get(id) as
      { id: number; source: string; message_id: string; received_at: number; payload: string } | undefined;
    if (e === undefined) return undefined;
    const rows = (this.q.rowsOfEvent.all(id) as OutboxRecord[]).map(rowView);
    return { id, source: e.source, messageId: e.message_id, receivedAt: e.received_at, payload: e.payload, rows };
  }

  async stats(): Promise<StoreStats> {
    const counts = this.q.countByState.all() as { state: string; n: number }[];
    const byState = Object.fromEntries(counts.map((c) => [c.state, Number(c.n)]));
    const oldest = this.q.oldestPendingAt.get() as { at: number | null };
    return { pending: byState.pending ?? 0, oldestPendingAt: oldest.at, byState };
  }

  /** In-process: one process owns a SQLite file, so its memory is the whole truth. */
  async acquireRate(key: string, limit: number, windowMs: number, now: number): Promise<RateDecision> {
    return this.rates.acquire(key, limit, windowMs, now);
  }

  async close(): Promise<void> {
    await this.commits.drain();
    await this.completions.drain();
    this.db.close();
  }
}
