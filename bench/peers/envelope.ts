// What every peer shares around its mapping: the structural check and routing a pipeline does before a mapping
// runs, and the Salesloft request envelope. Only the body mapping differs between peers.

import type { ErrorOutcome, Outcome, SendOutcome } from "../../runtime/outcome.js";

export const SALESLOFT_UPSERT_URL = "https://api.salesloft.com/v2/person_upserts";
export const HANDLED_EVENTS: ReadonlySet<string> = new Set(["Lead Generated", "Signed Up", "Identified"]);
export const PHONE_WARNING = "traits.phone could not be normalised to E.164 and was left out";
export const MISSING_EMAIL = "traits.email is required: Salesloft upserts People on email_address";

// A type rather than an interface so it is assignable to the runtime's Settings record.
export type BenchSettings = {
  readonly api_key: string;
  readonly default_phone_region?: string;
};

export type Json = Record<string, unknown>;

/** A handled event ready for mapping, or the outcome already decided (invalid, dropped). */
export type Routed =
  | { readonly kind: "decided"; readonly outcome: Outcome }
  | { readonly kind: "handled"; readonly event: Json; readonly name: string; readonly messageId: string | null };

export function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Own value of `key`, with the event's blank values (null, "") read as absent. */
export function read(object: unknown, key: string): unknown {
  if (!isPlainObject(object) || !hasOwn.call(object, key)) return undefined;
  const value = object[key];
  return value === null || value === "" ? undefined : value;
}

/** Trimmed text, or undefined for anything that is not text or is empty once trimmed. */
export function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * Checks structure (CONTRACT section 1, the canonical event schema), names the event (identify -> "Identified"; a
 * call with an event name and no type is a track call) and drops unhandled ones, as the runtime's normalizeEvent
 * does. Top-level nulls count as absent.
 */
export function routeEvent(event: unknown, handled: ReadonlySet<string> = HANDLED_EVENTS): Routed {
  if (!isPlainObject(event)) return decided(invalidEvent(null, "the event is not a JSON object"));
  const messageId = idText(event.messageId);
  const fault = structuralFault(event);
  if (fault !== undefined) return decided(invalidEvent(messageId, fault));
  const eventName = nonEmptyText(event.event);
  const type = nonEmptyText(event.type)?.trim().toLowerCase() || (eventName !== undefined ? "track" : undefined);
  if (type === undefined) return decided(invalidEvent(messageId, "type is missing and there is no event"));
  // Only track calls are named by their event field: a page call carrying `event` is never a lead.
  const name = type === "identify" ? "Identified" : type === "track" ? eventName : undefined;
  if (name === undefined || !handled.has(name)) {
    return decided({ messageId, outcome: "drop", reason: `event ${JSON.stringify(name ?? type)} is not handled` });
  }
  return { kind: "handled", event, name, messageId };
}

const OBJECT_FIELDS = ["traits", "properties", "context"];
const TEXT_FIELDS = ["type", "event"];
const ID_FIELDS = ["messageId", "anonymousId", "userId"];

function structuralFault(event: Json): string | undefined {
  for (const key of OBJECT_FIELDS) {
    const value = event[key];
    if (value !== undefined && value !== null && !isPlainObject(value)) return `${key} must be an object`;
  }
  for (const key of TEXT_FIELDS) {
    const value = event[key];
    if (value !== undefined && value !== null && typeof value !== "string") return `${key} must be a string`;
  }
  for (const key of ID_FIELDS) {
    const value = event[key];
    if (value !== undefined && value !== null && typeof value !== "string" && typeof value !== "number") {
      return `${key} must be a string or a number`;
    }
  }
  return undefined;
}

/** A messageId as outcomes echo it: text as it is, a number as its text. */
function idText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return nonEmptyText(value) ?? null;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
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

export function sendUpsert(
  messageId: string | null,
  body: Json,
  warnings: readonly string[],
  settings: BenchSettings,
): SendOutcome {
  const headers = { Authorization: `Bearer ${settings.api_key}`, "Content-Type": "application/json" };
  return {
    messageId,
    outcome: "send",
    request: { method: "POST", url: SALESLOFT_UPSERT_URL, headers, body },
    warnings,
  };
}

/** A custom field value as the preset's to_string gives it: text as is, numbers and booleans as text, else absent. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  return undefined;
}
