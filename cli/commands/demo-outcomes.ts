// Waiting, with a bound, until every posted event has a final outcome at every integration, read from serve's store.

import type { EventView, RowState, RowView, Store } from "../../store/store.js";

/** What became of one event at one integration. */
export interface Outcome {
  readonly messageId: string;
  readonly state: RowState;
  /** Why it was dropped or failed. */
  readonly detail?: string;
  readonly warnings: readonly string[];
  readonly httpStatus?: number;
  /** The id of the record the destination created or updated, when its answer carries one. */
  readonly destinationId?: string;
}

const FINAL: readonly RowState[] = ["delivered", "dropped", "failed", "dead", "superseded"];

/** Per integration, the outcome of each message id in the given order; throws with what is missing at the timeout. */
export async function waitForOutcomes(
  store: Store,
  messageIds: readonly string[],
  integrations: readonly string[],
  timeoutMs: number,
): Promise<Map<string, Outcome[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = new Map((await store.recent(messageIds.length + 10)).map((e) => [e.messageId, e]));
    const waiting = unfinished(events, messageIds, integrations);
    if (waiting.length === 0) return outcomesOf(events, messageIds, integrations);
    if (Date.now() >= deadline) {
      const shown = waiting.slice(0, 10).join("\n  ");
      const more = waiting.length > 10 ? `\n  … and ${waiting.length - 10} more` : "";
      throw new Error(
        `after ${Math.round(timeoutMs / 1000)} s, ${waiting.length} deliveries have no final outcome:\n  ${shown}${more}`,
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

function unfinished(events: Map<string, EventView>, ids: readonly string[], names: readonly string[]): string[] {
  const waiting: string[] = [];
  for (const id of ids) {
    const event = events.get(id);
    for (const name of names) {
      const row = event?.rows.find((r) => r.integration === name);
      if (row === undefined) waiting.push(`${name}: ${id} is not in the store`);
      else if (!FINAL.includes(row.state)) waiting.push(`${name}: ${id} is ${row.state}${lastError(row)}`);
    }
  }
  return waiting;
}

function lastError(row: RowView): string {
  const last = row.history.at(-1);
  if (last === undefined) return "";
  return ` (last attempt: ${last.error ?? `HTTP ${last.httpStatus ?? "?"}`})`;
}

function outcomesOf(events: Map<string, EventView>, ids: readonly string[], names: readonly string[]) {
  const out = new Map<string, Outcome[]>();
  for (const name of names) {
    out.set(
      name,
      ids.map((id) =>
        outcomeOf(
          id,
          events.get(id)!.rows.find((r) => r.integration === name)!,
        ),
      ),
    );
  }
  return out;
}

function outcomeOf(messageId: string, row: RowView): Outcome {
  const last = row.history.at(-1);
  const delivered = row.state === "delivered";
  return {
    messageId,
    state: row.state,
    ...(!delivered && row.detail !== null ? { detail: row.detail } : {}),
    warnings: delivered ? warningsOf(row.detail) : [],
    ...(last?.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}),
    ...(last?.destinationId !== undefined ? { destinationId: last.destinationId } : {}),
  };
}

/** A delivered row's detail is the list of its warnings, as JSON. */
function warningsOf(detail: string | null): string[] {
  try {
    const parsed: unknown = JSON.parse(detail ?? "[]");
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
