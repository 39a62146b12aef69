// Normalises a validated event for presets: identify calls become "Identified", context.traits merge into traits.

import type { NormalizedEvent } from "../values.js";
import { checkEventFields, eventFields, idOrNull, objectOrNull, textOrNull } from "./validate.js";

export type NormalizeResult =
  | { readonly ok: true; readonly event: NormalizedEvent }
  | { readonly ok: false; readonly messageId: string | null; readonly message: string };

type Fields = Record<string, unknown>;

const EMPTY: Fields = Object.freeze(Object.create(null));

/** How outcome messages name an event: by its messageId when it has one. */
export function eventLabel(messageId: string | null): string {
  return messageId === null ? "event without messageId" : `event ${messageId}`;
}

/**
 * Validates and normalises one event. Never throws: a bad event gives `ok: false` with a message naming the field.
 * `traitKeys`, when given, are the only traits the caller reads: `context.traits` is merged into those keys alone.
 */
export function normalizeEvent(input: unknown, traitKeys?: readonly string[]): NormalizeResult {
  const read = readEvent(input);
  const result = read instanceof EventRefusal ? read : withTraits(read, traitKeys);
  return result instanceof EventRefusal ? { ok: false, ...result } : { ok: true, event: result };
}

/** An event the canonical schema refuses: the message names the event and every broken field. */
export class EventRefusal {
  constructor(
    readonly messageId: string | null,
    readonly message: string,
  ) {}
}

/**
 * The first half of normalizeEvent, without a wrapper per event: the event checked and named, its traits not yet
 * merged (empty), or why it was refused. A caller routes it first and merges (withTraits) only what it keeps, so an
 * event it drops costs no merge.
 */
export function readEvent(input: unknown): UnmergedEvent | EventRefusal {
  try {
    const fields = eventFields(input);
    if (fields === undefined) return new EventRefusal(null, "event is not a JSON object");
    return soundEvent(fields) ?? checkedEvent(fields);
  } catch {
    return UNREADABLE;
  }
}

/** The second half: `context.traits` merged under the top-level traits (into `traitKeys` alone, when given). */
export function withTraits(
  event: UnmergedEvent,
  traitKeys: readonly string[] | undefined,
): NormalizedEvent | EventRefusal {
  try {
    event.traits = mergeTraits(objectOr(own(event.raw, "traits")), objectOr(own(event.context, "traits")), traitKeys);
    return event;
  } catch {
    return UNREADABLE;
  }
}

// Only reachable for objects built in code (a getter that throws); JSON input never gets here. The error itself is not
// quoted: turning it into text could throw again.
const UNREADABLE = new EventRefusal(null, "event could not be read as JSON data");

/** A NormalizedEvent whose traits are not merged yet: withTraits merges them once routing has kept it. */
export type UnmergedEvent = { -readonly [K in keyof NormalizedEvent]: NormalizedEvent[K] };

/**
 * Validation and normalisation in one pass, for an event whose structure is sound: each top-level field is read
 * once, tested as the canonical schema's ajv tests it, and normalised from that same read. Undefined for any other
 * event, which checkedEvent takes through ajv so its message names every broken field.
 */
function soundEvent(fields: Fields): UnmergedEvent | undefined {
  const { type: rawType, event: rawEvent, messageId: rawId, traits, properties, context: rawContext } = fields;
  const sound =
    textOrNull(rawType) &&
    textOrNull(rawEvent) &&
    idOrNull(rawId) &&
    idOrNull(fields.anonymousId) &&
    idOrNull(fields.userId) &&
    objectOrNull(properties) &&
    objectOrNull(traits) &&
    objectOrNull(rawContext);
  if (!sound) return undefined;
  const name = nonEmptyText(ownValue(fields, "event", rawEvent));
  const type =
    nonEmptyText(ownValue(fields, "type", rawType))
      ?.trim()
      .toLowerCase() || (name !== undefined ? "track" : undefined);
  if (type === undefined) return undefined;
  return {
    type,
    event: type === "identify" ? "Identified" : type === "track" ? name : undefined,
    messageId: idText(ownValue(fields, "messageId", rawId)),
    traits: EMPTY,
    properties: objectOr(ownValue(fields, "properties", properties)),
    context: objectOr(ownValue(fields, "context", rawContext)),
    raw: fields,
  };
}

/** A value read as `fields[key]`, kept only when it is the object's own: an absent field costs no second lookup. */
function ownValue(fields: Fields, key: string, value: unknown): unknown {
  return value !== undefined && Object.prototype.hasOwnProperty.call(fields, key) ? value : undefined;
}

/** The whole check through ajv, for events the one pass does not take: their messages name every broken field. */
function checkedEvent(fields: Fields): UnmergedEvent | EventRefusal {
  const messageId = idText(own(fields, "messageId"));
  const problems = checkEventFields(fields);
  const type = callType(fields);
  if (problems.length === 0 && type === undefined) problems.push('field "type" is missing and there is no "event"');
  if (problems.length > 0 || type === undefined) {
    return new EventRefusal(messageId, `${eventLabel(messageId)}: ${problems.join("; ")}`);
  }
  return {
    type,
    event: eventName(type, fields),
    messageId,
    traits: EMPTY,
    properties: objectOr(own(fields, "properties")),
    context: objectOr(own(fields, "context")),
    raw: fields,
  };
}

/**
 * The name presets route on: a track call's event, "Identified" for identify. Other calls (page, group, alias, …)
 * have no name even when they carry an `event` field, so a page view can never pass for a lead.
 */
function eventName(type: string, fields: Fields): string | undefined {
  if (type === "identify") return "Identified";
  return type === "track" ? nonEmptyText(own(fields, "event")) : undefined;
}

// A call with an event name but no type is a track call: that is the only kind that carries one.
function callType(fields: Fields): string | undefined {
  // "Track" and " identify " are the same calls written carelessly; routing them as such loses no lead.
  const type = nonEmptyText(own(fields, "type"))?.trim().toLowerCase();
  return type || (nonEmptyText(own(fields, "event")) !== undefined ? "track" : undefined);
}

/** The messageId as outcomes echo it: text as it is, a number as its text (some pipelines number their events). */
function idText(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return nonEmptyText(value) ?? null;
}

/**
 * An own property only: an event's fields are read the way a preset reads paths, never from a prototype. Read
 * first, so an absent field (most of them) costs no ownership check.
 */
function own(fields: Fields, key: string): unknown {
  return ownValue(fields, key, fields[key]);
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

// The schema has already rejected traits, properties and context that are not objects; context.traits is not
// typed by the schema (its values are the preset's business), so one that is not an object is simply not merged.
function objectOr(value: unknown): Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : EMPTY;
}

/**
 * context.traits under top-level traits. A top-level trait wins when it has a value; one that is null or "" (which
 * presets read as absent) does not hide the context's value. The result has no prototype, so keys such as
 * `__proto__` stay plain data and nothing can reach Object.prototype.
 */
function mergeTraits(traits: Fields, contextTraits: Fields, keys: readonly string[] | undefined): Fields {
  if (contextTraits === EMPTY) return traits;
  if (traits === EMPTY) return contextTraits;
  if (keys !== undefined) return mergeKeys(traits, contextTraits, keys);
  // Spread defines every key as an own data property, so a `__proto__` key stays data. A plain object (not one
  // without a prototype, which V8 keeps in slow dictionary mode) is safe because presets read own properties only.
  const merged: Fields = { ...contextTraits };
  for (const key of Object.keys(traits)) {
    const value = traits[key];
    const blank = value === null || value === "" || value === undefined;
    if (!blank || !Object.prototype.hasOwnProperty.call(merged, key)) defineOwn(merged, key, value);
  }
  return merged;
}

/**
 * The same merge for the named keys only (what the preset reads): each key takes the value the whole merge would give
 * it, read as spread and Object.keys read (own enumerable properties).
 */
function mergeKeys(traits: Fields, contextTraits: Fields, keys: readonly string[]): Fields {
  const merged: Fields = {};
  // Values are read first and ownership asked only of a value that is there: most keys are in neither object. A
  // key whose own value is undefined (only objects built in code have one) is left out, which reads the same.
  for (const key of keys) {
    const top = traits[key];
    if (!blankValue(top) && enumerableOwn(traits, key)) defineOwn(merged, key, top);
    else if (contextTraits[key] !== undefined && enumerableOwn(contextTraits, key)) {
      defineOwn(merged, key, contextTraits[key]);
    } else if (top !== undefined && enumerableOwn(traits, key)) defineOwn(merged, key, top);
  }
  return merged;
}

function enumerableOwn(fields: Fields, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(fields, key);
}

function blankValue(value: unknown): boolean {
  return value === null || value === "" || value === undefined;
}

function defineOwn(target: Fields, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
