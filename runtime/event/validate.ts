// Validates an incoming event's structure against the canonical event schema (ajv, compiled once at module load).

import { Ajv } from "ajv";
import { describeSchemaErrors } from "../schema-problems.js";
import { CANONICAL_EVENT_SCHEMA } from "./canonical-event-schema.js";

// strict: false because the schema gives `properties` to context objects without `type: "object"` (it documents
// their fields without enforcing their shape), which strict mode reports.
const checkCanonical = new Ajv({ allErrors: true, strict: false }).compile(CANONICAL_EVENT_SCHEMA);

/**
 * The event itself when it is a JSON object, else absent. It is not copied: the schema allows null at the top level
 * (null means not known, and reads as absent), and normalisation reads only own properties.
 */
export function eventFields(input: unknown): Record<string, unknown> | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  return input as Record<string, unknown>;
}

/** Problems with fields already taken apart by eventFields; empty when the structure is sound. */
export function checkEventFields(fields: Record<string, unknown>): string[] {
  if (structureSound(fields)) return [];
  if (checkCanonical(fields)) return [];
  return describeSchemaErrors(checkCanonical.errors ?? [], fields, "event");
}

/**
 * The canonical schema's verdict without ajv, for the common case: each typed top-level field read once and tested
 * as ajv tests it (a field that is `undefined` is not checked). A false answer goes to ajv, whose messages name the
 * fields; spec/runtime/event-structure.test.ts holds the two to the same verdict.
 */
export function structureSound(fields: Record<string, unknown>): boolean {
  return (
    textOrNull(fields.type) &&
    textOrNull(fields.event) &&
    idOrNull(fields.messageId) &&
    idOrNull(fields.anonymousId) &&
    idOrNull(fields.userId) &&
    objectOrNull(fields.properties) &&
    objectOrNull(fields.traits) &&
    objectOrNull(fields.context)
  );
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

/** Every structural problem of the event, each naming its field; empty when the event is valid. */
export function validateEvent(input: unknown): string[] {
  const fields = eventFields(input);
  if (fields === undefined) return ["event is not a JSON object"];
  return checkEventFields(fields);
}
