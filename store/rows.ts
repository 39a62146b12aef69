// Outbox rows as SQL returns them, and the small pure helpers both stores share.

import type { AttemptRecord, RowState, RowView } from "./store.js";

/** An outbox row with the column names of the SQL schema. */
export interface OutboxRecord {
  readonly id: number;
  readonly event_id: number;
  readonly integration: string;
  readonly order_key: string;
  readonly has_person: number;
  readonly state: RowState;
  readonly attempts: number;
  readonly next_attempt_at: number | null;
  readonly lease_owner: string | null;
  readonly created_at: number;
  readonly finished_at: number | null;
  readonly detail: string | null;
  readonly history: string;
}

/** Attempts kept per row for the debugger: the first ones and the latest tell the story. */
export const HISTORY_LIMIT = 20;

/**
 * The key a row queues under: `p:` and the person's order key, or `e:` and the event's id for an event without a
 * person, which orders only with itself. libsql reads a text back only up to its first NUL, so a key holding one is
 * stored as `n:` and its base64: cut short, it named another queue, and its own head was claimed again for ever.
 */
export function personKey(orderKey: string | undefined, eventId: number): string {
  if (orderKey === undefined) return `e:${eventId}`;
  return orderKey.includes("\u0000") ? `n:${Buffer.from(orderKey, "utf8").toString("base64")}` : `p:${orderKey}`;
}

/** The person's order key of a stored key (`p:` or `n:`); an `e:` key has none. */
export function orderKeyOf(stored: string): string {
  return stored.startsWith("n:") ? Buffer.from(stored.slice(2), "base64").toString("utf8") : stored.slice(2);
}

export function appendHistory(history: string, attempt: AttemptRecord | undefined): string {
  if (attempt === undefined) return history;
  const list = parseHistory(history);
  list.push(attempt);
  const kept = list.length > HISTORY_LIMIT ? [...list.slice(0, 5), ...list.slice(-(HISTORY_LIMIT - 5))] : list;
  return JSON.stringify(kept);
}

function parseHistory(history: string): AttemptRecord[] {
  try {
    const parsed: unknown = JSON.parse(history);
    return Array.isArray(parsed) ? (parsed as AttemptRecord[]) : [];
  } catch {
    return [];
  }
}

export function rowView(r: OutboxRecord): RowView {
  return {
    id: Number(r.id),
    eventId: Number(r.event_id),
    integration: r.integration,
    orderKey: r.has_person ? orderKeyOf(r.order_key) : null,
    state: r.state,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
    detail: r.detail,
    history: parseHistory(r.history),
  };
}
