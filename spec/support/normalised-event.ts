// How the runtime's normaliser reads an event (runtime/event/normalize.ts), restated for properties: the messageId an
// outcome echoes, the call type and the name a preset routes on. Written again rather than imported, so a property
// checks the normaliser instead of trusting it.

type Fields = Record<string, unknown>;

/** An own property of a JSON object; undefined for anything else. */
export function ownField(value: unknown, key: string): unknown {
  return typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Fields)[key]
    : undefined;
}

const nonEmptyText = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** The messageId an outcome echoes: non-empty text as it is, a finite number as its text, otherwise null. */
export function expectedMessageId(event: unknown): string | null {
  const id = ownField(event, "messageId");
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  return nonEmptyText(id) ?? null;
}

/** The call type: `type` trimmed and lower-cased; "track" when it is missing or blank and the event has a name. */
export function normalisedCallType(event: unknown): string | undefined {
  const type = nonEmptyText(ownField(event, "type"))?.trim().toLowerCase();
  return type || (nonEmptyText(ownField(event, "event")) !== undefined ? "track" : undefined);
}

/** The name a preset routes on: "Identified" for identify calls, a track call's own `event`, otherwise none. */
export function routedEventName(event: unknown): string | undefined {
  const type = normalisedCallType(event);
  if (type === "identify") return "Identified";
  return type === "track" ? nonEmptyText(ownField(event, "event")) : undefined;
}
