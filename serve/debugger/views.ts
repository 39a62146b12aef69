// Turns stored events and outbox rows into what the debugger shows: summaries with masked emails, and full details.

import { normalizeEvent } from "../../runtime/event/normalize.js";
import type { AttemptRecord, EventView, RowView } from "../../store/store.js";
import type { EventDetail, EventSummary, IntegrationDetail, OutcomeView } from "./api-types.js";

/** `Jane.Doe@Example.com ` → `j***@example.com`; text without an @ keeps only its first character. */
export function maskEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  const at = clean.lastIndexOf("@");
  if (at <= 0) return clean === "" ? "" : `${clean[0]}***`;
  return `${clean[0]}***${clean.slice(at)}`;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

/** The event as presets see it (context.traits merged, identify named "Identified"), without the raw copy. */
function normalized(received: unknown): { event?: Obj; problem?: string } {
  const result = normalizeEvent(received);
  if (!result.ok) return { problem: result.message };
  const { raw: _raw, ...event } = result.event;
  return { event: event as Obj };
}

export function summarize(view: EventView, reveal: boolean): EventSummary {
  return summaryOf(view, parsePayload(view.payload), reveal);
}

function summaryOf(view: EventView, received: unknown, reveal: boolean): EventSummary {
  const { event } = normalized(received);
  const raw = isObject(received) ? received : {};
  const email = isObject(event?.traits) ? event.traits.email : undefined;
  return {
    id: view.id,
    receivedAt: view.receivedAt,
    source: view.source,
    messageId: view.messageId,
    type: typeof raw.type === "string" ? raw.type : "unknown",
    event: textOf(event?.event) ?? textOf(raw.event) ?? textOf(raw.name),
    email: typeof email === "string" ? (reveal ? email.trim() : maskEmail(email)) : undefined,
    outcomes: view.rows.map(outcomeOf),
  };
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function lastAttempt(row: RowView): AttemptRecord | undefined {
  return row.history[row.history.length - 1];
}

export function outcomeOf(row: RowView): OutcomeView {
  const last = lastAttempt(row);
  const base = { integration: row.integration, rowId: row.id, attempts: row.attempts };
  switch (row.state) {
    case "delivered":
      return {
        ...base,
        state: "delivered",
        httpStatus: last?.httpStatus,
        destinationId: last?.destinationId,
        replayable: false,
      };
    case "pending":
      return {
        ...base,
        state: row.attempts > 0 ? "retrying" : "pending",
        httpStatus: last?.httpStatus,
        code: codeOf(last),
        message: last?.error,
        nextAttemptAt: row.nextAttemptAt ?? undefined,
        replayable: false,
      };
    case "failed":
    case "dead":
      return {
        ...base,
        state: row.state,
        httpStatus: last?.httpStatus,
        code: codeOf(last),
        message: row.detail ?? undefined,
        replayable: true,
      };
    default:
      return { ...base, state: row.state, message: row.detail ?? undefined, replayable: false };
  }
}

/** The HTTP status, or the leading error code of a network failure ("ECONNREFUSED: …"). */
function codeOf(attempt: AttemptRecord | undefined): string | undefined {
  if (attempt === undefined) return undefined;
  if (attempt.httpStatus !== undefined) return String(attempt.httpStatus);
  const code = /^([A-Z][A-Z0-9_]{2,})\b/.exec(attempt.error ?? "");
  return code?.[1];
}

function warningsOf(row: RowView): string[] {
  if (row.state !== "delivered" || row.detail === null) return [];
  try {
    const parsed: unknown = JSON.parse(row.detail);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export type Explainer = (eventId: number, integration: string) => Promise<unknown>;

async function integrationDetail(
  view: EventView,
  row: RowView,
  explain: Explainer | undefined,
): Promise<IntegrationDetail> {
  const sent = [...row.history].reverse().find((a) => a.request !== undefined);
  const answered = [...row.history].reverse().find((a) => a.httpStatus !== undefined || a.response !== undefined);
  let explanation: unknown = null;
  try {
    explanation = (await explain?.(view.id, row.integration)) ?? null;
  } catch {
    explanation = null;
  }
  return {
    outcome: outcomeOf(row),
    request: sent?.request,
    response: answered === undefined ? undefined : { status: answered.httpStatus, body: answered.response },
    warnings: warningsOf(row),
    attempts: row.history.map((a) => ({
      at: a.at,
      durationMs: a.durationMs,
      httpStatus: a.httpStatus,
      error: a.error,
      destinationId: a.destinationId,
    })),
    explanation,
  };
}

export async function detailOf(view: EventView, explain: Explainer | undefined): Promise<EventDetail> {
  const received = parsePayload(view.payload);
  const norm = normalized(received);
  return {
    summary: summaryOf(view, received, true),
    received,
    normalized: norm.event ?? { problem: norm.problem },
    integrations: await Promise.all(view.rows.map((row) => integrationDetail(view, row, explain))),
  };
}
