// The durable store of the live pipeline: what `serve` needs from SQLite (embedded) or PostgreSQL (scale-out).
//
// Events are stored once per source and messageId. Each stored event gets one outbox row per integration it is
// routed to; a row is delivered only while it is the oldest unfinished row of its person for that integration
// (head-of-line), so a later update never lands before an earlier one, across retries and processes.

/** One event as collection accepted it: the canonical event JSON text plus what the server filled in. */
export interface IncomingEvent {
  readonly source: string;
  readonly messageId: string;
  /** The event as JSON text, exactly as it will be transformed (receivedAt, messageId, context.ip filled in). */
  readonly payload: string;
  readonly receivedAt: number;
  /** Per integration: the ordering key (absent: the event orders only with itself) or the outcome that settled it. */
  readonly routes: readonly Route[];
}

export interface Route {
  readonly integration: string;
  /** Per-person order key; undefined when the event has no person (it is then its own head). */
  readonly orderKey?: string;
  /** Set when the transform already settled the event (dropped, or an error): no delivery is needed. */
  readonly settled?: { readonly state: "dropped" | "failed"; readonly detail: string };
}

export interface IngestResult {
  readonly stored: number;
  /** Events whose (source, messageId) was already stored: acknowledged, not stored twice. */
  readonly duplicates: number;
}

export type RowState = "pending" | "delivered" | "dropped" | "failed" | "dead" | "superseded";

/** An outbox row a worker holds under a lease. */
export interface ClaimedRow {
  readonly id: number;
  readonly eventId: number;
  readonly integration: string;
  readonly orderKey: string | null;
  readonly payload: string;
  readonly attempts: number;
  readonly createdAt: number;
}

/** What one delivery attempt came to, recorded for the debugger (request and response already redacted). */
export interface AttemptRecord {
  readonly at: number;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly error?: string;
  readonly request?: unknown;
  readonly response?: unknown;
  readonly destinationId?: string;
}

export type Completion =
  | { readonly state: "delivered"; readonly attempt: AttemptRecord; readonly warnings?: readonly string[] }
  | { readonly state: "dropped" | "failed" | "dead"; readonly detail: string; readonly attempt?: AttemptRecord }
  | { readonly state: "retry"; readonly nextAttemptAt: number; readonly attempt: AttemptRecord };

export interface RowView {
  readonly id: number;
  readonly eventId: number;
  readonly integration: string;
  readonly orderKey: string | null;
  readonly state: RowState;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly detail: string | null;
  readonly history: readonly AttemptRecord[];
}

export interface EventView {
  readonly id: number;
  readonly source: string;
  readonly messageId: string;
  readonly receivedAt: number;
  readonly payload: string;
  readonly rows: readonly RowView[];
}

export interface StoreStats {
  readonly pending: number;
  readonly oldestPendingAt: number | null;
  readonly byState: Readonly<Record<string, number>>;
}

export interface Store {
  /** Stores the events and their outbox rows in one transaction; resolves once it is durable. */
  ingest(events: readonly IncomingEvent[]): Promise<IngestResult>;
  /**
   * Claims up to `limit` rows that are due and at the head of their person's queue, leasing them to `owner` until
   * `now + leaseMs`, from the named integrations only (a paused one is left out and keeps its order). A row whose
   * lease ran out (a crashed worker) can be claimed again.
   */
  claim(
    owner: string,
    limit: number,
    now: number,
    leaseMs: number,
    integrations: readonly string[],
  ): Promise<ClaimedRow[]>;
  /** Records the outcome of a claimed row; a finished row hands its person's head to the next row. */
  complete(id: number, owner: string, completion: Completion, now: number): Promise<void>;
  /** Moves every pending row older than `maxAgeMs` to dead letters. */
  expire(now: number, maxAgeMs: number): Promise<number>;
  /** Re-queues dead (or failed) rows; a row superseded by a later delivered row of its person is skipped. */
  replay(ids: readonly number[] | "all-dead", now: number): Promise<{ requeued: number; superseded: number }>;
  /**
   * Makes the integration's waiting rows due at `now` (its settings changed: leads held back by a rejected key are
   * tried with the new one at once). A row on the wire is left to its worker. Resolves with the heads made due.
   */
  retryNow?(integration: string, now: number): Promise<number>;
  /** Deletes finished events older than `olderThan`. */
  prune(olderThan: number): Promise<number>;
  recent(limit: number, filter?: EventFilter): Promise<EventView[]>;
  event(id: number): Promise<EventView | undefined>;
  stats(now: number): Promise<StoreStats>;
  /**
   * Takes one request from the budget `key` (a team's credential) shared by every process on this store: at most
   * `limit` grants in any `windowMs`. Refused: when the oldest grant in the window leaves it.
   */
  acquireRate?(key: string, limit: number, windowMs: number, now: number): Promise<RateDecision>;
  close(): Promise<void>;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAtMs: number };

/** The store was written by a newer signal-map: this program refuses to touch it. */
export class StoreVersionError extends Error {}

export interface EventFilter {
  readonly integration?: string;
  readonly state?: RowState;
  readonly text?: string;
  readonly beforeId?: number;
}
