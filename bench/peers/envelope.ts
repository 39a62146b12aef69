// What every peer shares around its mapping: the structural check and routing a pipeline does before a mapping
// runs, and the Salesloft request envelope. Only the body mapping differs between peers.

import type { ErrorOutcome, Outcome, SendOutcome } from "../../runtime/outcome.js";

export const SALESLOFT_UPSERT_URL = "https://api.salesloft.com/v2/person_upserts";
export const HANDLED_EVENTS: ReadonlySet<string> = new Set(["Lead Generated", "Signed Up", "Identified"]);
export const PHONE_WARNING = "traits.phone could not be normalised to E.164 and was left out";
export const MISSING_EMAIL = "traits.email is required: Salesloft upserts People on email_address";

export interface BenchSettings {
  readonly api_key: string;
  readonly default_phone_region?: string;
}

export type Json = Record<string, unknown>;

/** A handled event ready for mapping, or the outcome already decided (invalid, dropped). */
export type Routed =
  | { readonly kind: "decided"; readonly outcome: Outcome }
  | { readonly kind: "handled"; readonly event: Json; readonly name: string; readonly messageId: string | null };

export function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks structure (CONTRACT section 1), names the event (identify -> "Identified") and drops unhandled ones. */
export function routeEvent(event: unknown): Routed {
  if (!isPlainObject(event)) return decided(invalidEvent(null, "the event is not a JSON object"));
  const messageId = typeof event.messageId === "string" ? event.messageId : null;
  const fault = structuralFault(event);
  if (fault !== undefined) return decided(invalidEvent(messageId, fault));
  const name = event.type === "identify" ? "Identified" : (event.event as string | undefined);
  if (name === undefined || !HANDLED_EVENTS.has(name)) {
    return decided({ messageId, outcome: "drop", reason: `event ${JSON.stringify(name ?? event.type)} is not handled` });
  }
  return { kind: "handled", event, name, messageId };
}

function structuralFault(event: Json): string | undefined {
  for (const key of ["traits", "properties", "context"]) {
    if (event[key] !== undefined && !isPlainObject(event[key])) return `${key} must be an object`;
  }
  for (const key of ["type", "event"]) {
    if (event[key] !== undefined && typeof event[key] !== "string") return `${key} must be a string`;
  }
  return undefined;
}

function decided(outcome: Outcome): Routed {
  return { kind: "decided", outcome };
}

function invalidEvent(messageId: string | null, message: string): ErrorOutcome {
  return { messageId, outcome: "error", code: "invalid_event", message };
}

export function missingEmail(messageId: string | null): ErrorOutcome {
  return { messageId, outcome: "error", code: "missing_required", message: MISSING_EMAIL };
}

export function sendUpsert(messageId: string | null, body: Json, warnings: readonly string[], settings: BenchSettings): SendOutcome {
  const headers = { Authorization: `Bearer ${settings.api_key}`, "Content-Type": "application/json" };
  return { messageId, outcome: "send", request: { method: "POST", url: SALESLOFT_UPSERT_URL, headers, body }, warnings };
}

/** The merged traits of CONTRACT section 1: context.traits under traits, top level wins. */
export function mergedTraits(event: Json): Json {
  const context = event.context as Json | undefined;
  const nested = context !== undefined && isPlainObject(context.traits) ? context.traits : undefined;
  const top = event.traits as Json | undefined;
  if (nested === undefined) return top ?? {};
  return top === undefined ? nested : { ...nested, ...top };
}
