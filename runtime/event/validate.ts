// Validates an incoming event's structure against the canonical event schema: its typed top-level fields, each tested
// as ajv tests it and named as ajv's errors are described (spec/runtime/event-structure.test.ts holds both to ajv).

import { jsonTypeName } from "../schema-problems.js";

/**
 * The event itself when it is a JSON object, else absent. It is not copied: the schema allows null at the top level
 * (null means not known, and reads as absent), and normalisation reads only own properties.
 */
export function eventFields(input: unknown): Record<string, unknown> | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  return input as Record<string, unknown>;
}

/**
 * Problems with fields already taken apart by eventFields, one per broken field in the schema's order, worded as
 * describeSchemaErrors words ajv's (`field "traits" must be an object, got string`); empty when the structure is sound.
 */
export function checkEventFields(fields: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, holds, expected] of TYPED_FIELDS) {
    const value = fields[key];
    // ajv tests the value read (inherited too); the message says what the event itself holds, as valueAt reads it.
    const found = Object.prototype.hasOwnProperty.call(fields, key) ? value : undefined;
    if (!holds(value)) problems.push(`field "${key}" must be ${expected}, got ${jsonTypeName(found)}`);
  }
  return problems;
}

/**
 * The canonical schema's verdict: each typed top-level field tested as ajv tests it (a field that is `undefined` is
 * not checked). normalize.ts's soundEvent makes the same tests inline, on the fields it reads anyway.
 */
export function structureSound(fields: Record<string, unknown>): boolean {
  return TYPED_FIELDS.every(([key, holds]) => holds(fields[key]));
}

/** Text, null or undefined (not checked): the schema's `["string", "null"]` as ajv tests it. */
export function textOrNull(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string";
}

/** `["string", "number", "null"]` as ajv tests it (any number, as ajv's default). */
export function idOrNull(value: unknown): boolean {
  return value === undefined || value === null || typeof value === "string" || typeof value === "number";
}

/** `["object", "null"]` as ajv tests it: an array is not an object. */
export function objectOrNull(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && !Array.isArray(value));
}

/** The canonical schema's typed top-level fields, in its order: the type test, and what a message says it must be. */
const TYPED_FIELDS: readonly (readonly [string, (value: unknown) => boolean, string])[] = [
  ["type", textOrNull, "a string"],
  ["event", textOrNull, "a string"],
  ["messageId", idOrNull, "a string or a number"],
  ["anonymousId", idOrNull, "a string or a number"],
  ["userId", idOrNull, "a string or a number"],
  ["properties", objectOrNull, "an object"],
  ["traits", objectOrNull, "an object"],
  ["context", objectOrNull, "an object"],
];

/** Every structural problem of the event, each naming its field; empty when the event is valid. */
export function validateEvent(input: unknown): string[] {
  const fields = eventFields(input);
  if (fields === undefined) return ["event is not a JSON object"];
  return checkEventFields(fields);
}
