// One group commit of the PostgreSQL store: events, their outbox rows and new heads in four statements.

import { SQL } from "./postgres-queries.js";
import { escapeKey, lockPeople, personLockKey, safeText, type Client } from "./postgres-pool.js";
import type { IncomingEvent } from "./store.js";

/** A person's key as stored: `p:` and the escaped order key; an event without a person queues alone (`e:` id). */
function storedKey(orderKey: string | undefined, eventId: number): string {
  return orderKey === undefined ? `e:${eventId}` : `p:${escapeKey(orderKey)}`;
}

/** Stores the batch (inside the caller's transaction); true per event that was new. */
export async function ingestBatch(c: Client, batch: readonly IncomingEvent[]): Promise<boolean[]> {
  // Lock first every person this batch queues for, so their heads cannot advance under us and ids follow commits.
  const people = batch.flatMap((e) =>
    e.routes
      .filter((r) => r.settled === undefined && r.orderKey !== undefined)
      .map((r) => personLockKey(safeText(r.integration), storedKey(r.orderKey, 0))),
  );
  await lockPeople(c, people);
  const inserted = await c.query(SQL.insertEvents, [
    batch.map((e) => escapeKey(e.source)),
    batch.map((e) => escapeKey(e.messageId)),
    batch.map((e) => e.receivedAt),
    batch.map((e) => safeText(e.payload)),
  ]);
  const ids = new Map<string, number>();
  for (const r of inserted.rows) ids.set(`${r.source}\u0001${r.message_id}`, r.id);
  const stored = batch.map((e) => {
    const key = `${escapeKey(e.source)}\u0001${escapeKey(e.messageId)}`;
    const id = ids.get(key);
    ids.delete(key); // a repeat inside the batch is a duplicate of the first
    return id;
  });
  await insertRows(c, batch, stored);
  return stored.map((id) => id !== undefined);
}

async function insertRows(c: Client, batch: readonly IncomingEvent[], ids: readonly (number | undefined)[]) {
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
  batch.forEach((event, index) => {
    const eventId = ids[index];
    if (eventId === undefined) return;
    for (const route of event.routes) {
      const state = route.settled?.state ?? "pending";
      const pending = state === "pending";
      const values = [
        eventId,
        safeText(route.integration),
        storedKey(route.orderKey, eventId),
        route.orderKey === undefined ? 0 : 1,
        state,
        pending ? event.receivedAt : null,
        event.receivedAt,
        route.settled === undefined ? null : safeText(route.settled.detail),
        pending ? null : event.receivedAt,
      ];
      values.forEach((v, i) => cols[i].push(v));
    }
  });
  if (cols[0].length === 0) return;
  const rows = (await c.query(SQL.insertRows, cols)).rows.filter((r) => r.state === "pending");
  if (rows.length === 0) return;
  await c.query(SQL.insertHeads, [
    rows.map((r) => r.integration),
    rows.map((r) => r.order_key),
    rows.map((r) => r.id),
    rows.map((r) => r.next_attempt_at),
  ]);
}
