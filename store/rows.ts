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
 * The key a row queues under. An event without a person orders only with itself: its key is private to it
 * (a NUL byte cannot start an order key taken from event text, which is JSON-escaped text of the event).
 */
export function personKey(orderKey: string | undefined, eventId: number): string {
  return orderKey === undefined ? `\u0000event:${eventId}` : `p:${orderKey}`;
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
    orderKey: r.has_person ? r.order_key.slice(2) : null,
    state: r.state,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
    detail: r.detail,
    history: parseHistory(r.history),
  };
}
