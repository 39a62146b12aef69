// The Event Debugger's JSON API: the filtered list of recent events, one event in full, and replay.

import type { EventFilter, RowState } from "../../store/store.js";
import type { EventList, EventSummary } from "./api-types.js";
import type { DebuggerDeps } from "./deps.js";
import { detailOf, summarize } from "./views.js";

const STATES: readonly string[] = ["pending", "retrying", "delivered", "dropped", "failed", "dead", "superseded"];
/** A filter on the event name is applied after the store's query; this bounds how far back one page looks. */
const MAX_SCAN = 2_000;

export interface ListQuery {
  readonly limit: number;
  readonly integration?: string;
  readonly outcome?: string;
  readonly event?: string;
  readonly text?: string;
  readonly before?: number;
  readonly reveal: boolean;
}

export function readListQuery(params: URLSearchParams): ListQuery | string {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const outcome = text("outcome");
  if (outcome !== undefined && !STATES.includes(outcome)) return `outcome must be one of ${STATES.join(", ")}`;
  const before = Number(params.get("before"));
  const limit = Number(params.get("limit") ?? 50);
  return {
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 200) : 50,
    integration: text("integration"),
    outcome,
    event: text("event"),
    text: text("q"),
    before: Number.isInteger(before) && before > 0 ? before : undefined,
    reveal: params.get("reveal") === "1",
  };
}

function matches(summary: EventSummary, query: ListQuery): boolean {
  if (query.event !== undefined && summary.event?.toLowerCase() !== query.event.toLowerCase()) return false;
  if (query.outcome === undefined) return true;
  return summary.outcomes.some(
    (o) => o.state === query.outcome && (query.integration === undefined || o.integration === query.integration),
  );
}

/** Newest first; filters the store cannot express (event name, outcome at that integration) are applied here. */
export async function listEvents(deps: DebuggerDeps, query: ListQuery): Promise<EventList> {
  const state = (query.outcome === "retrying" ? "pending" : query.outcome) as RowState | undefined;
  // The event name is not a store filter: it is derived ("Identified" is an identify call), so it is matched here.
  const filter: EventFilter = { integration: query.integration, state, text: query.text };
  const events: EventSummary[] = [];
  let before = query.before;
  for (let scanned = 0; scanned < MAX_SCAN;) {
    const page = await deps.store.recent(query.limit, { ...filter, beforeId: before });
    for (const view of page) {
      const summary = summarize(view, query.reveal);
      if (!matches(summary, query)) continue;
      events.push(summary);
      if (events.length === query.limit) return { events, next: summary.id };
    }
    if (page.length < query.limit) return { events };
    scanned += page.length;
    before = page[page.length - 1].id;
  }
  return { events, next: before };
}

export async function eventDetail(deps: DebuggerDeps, id: number) {
  const view = await deps.store.event(id);
  return view === undefined ? undefined : detailOf(view, deps.explain?.bind(deps));
}

/** Re-queues the event's failed and dead rows (of one integration when named). */
export async function replayEvent(deps: DebuggerDeps, id: number, integration: string | undefined) {
  const view = await deps.store.event(id);
  if (view === undefined) return undefined;
  const rows = view.rows.filter(
    (r) => (r.state === "failed" || r.state === "dead") && (integration === undefined || r.integration === integration),
  );
  if (rows.length === 0) return { requeued: 0, superseded: 0 };
  return deps.store.replay(
    rows.map((r) => r.id),
    deps.now(),
  );
}
