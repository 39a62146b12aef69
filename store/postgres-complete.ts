// Completions of the PostgreSQL store, group-committed: the answers that arrive together are recorded in one
// transaction, one disk flush for all of them, each applied exactly as it would be alone.

import { appendHistory, type OutboxRecord } from "./rows.js";
import { SQL } from "./postgres-queries.js";
import { lockPeople, personLockKey, safeText, type Client } from "./postgres-pool.js";
import type { Completion } from "./store.js";

export interface CompletionItem {
  readonly id: number;
  readonly owner: string;
  readonly completion: Completion;
  readonly now: number;
}

/** Records the batch inside the caller's transaction. */
export async function completeBatch(c: Client, batch: readonly CompletionItem[]): Promise<void[]> {
  const people = (await c.query(SQL.peopleOfRows, [batch.map((item) => item.id)])).rows as {
    integration: string;
    order_key: string;
  }[];
  await lockPeople(
    c,
    people.map((p) => personLockKey(p.integration, p.order_key)),
  );
  // Heads before rows, the order claims lock in, so a claim and a completion never wait on each other in a circle.
  await c.query(SQL.lockHeads, [people.map((p) => p.integration), people.map((p) => p.order_key)]);
  for (const item of batch) await completeOne(c, item);
  return batch.map(() => undefined);
}

async function completeOne(c: Client, { id, owner, completion, now }: CompletionItem): Promise<void> {
  const row = (await c.query(SQL.rowById, [id])).rows[0] as OutboxRecord | undefined;
  // A late answer from a worker whose lease ran out (its row claimed again, or finished) changes nothing.
  if (row === undefined || row.state !== "pending" || row.lease_owner !== safeText(owner)) return;
  const history = appendHistory(row.history, "attempt" in completion ? completion.attempt : undefined);
  if (completion.state === "retry") {
    await c.query(SQL.retryRow, [completion.nextAttemptAt, safeText(history), id]);
    await c.query(SQL.retryHead, [completion.nextAttemptAt, row.integration, row.order_key]);
    return;
  }
  const detail = completion.state === "delivered" ? JSON.stringify(completion.warnings ?? []) : completion.detail;
  const attempts = completion.state === "delivered" || completion.attempt ? 1 : 0;
  await c.query(SQL.finishRow, [completion.state, attempts, safeText(detail), safeText(history), now, id]);
  await advanceHead(c, row.integration, row.order_key);
}

/** Points the person's head at their oldest pending row, or removes it when nothing is pending. */
export async function advanceHead(c: Client, integration: string, key: string): Promise<void> {
  const next = (await c.query(SQL.oldestPending, [integration, key])).rows[0] as
    { id: number; next_attempt_at: number } | undefined;
  if (next === undefined) await c.query(SQL.deleteHead, [integration, key]);
  else await c.query(SQL.upsertHead, [integration, key, next.id, next.next_attempt_at]);
}
