// Validates an incoming event's structure against the canonical event schema (ajv, compiled once at module load).

import { Ajv } from "ajv";
import { describeSchemaErrors } from "../schema-problems.js";
import { CANONICAL_EVENT_SCHEMA } from "./canonical-event-schema.js";

// strict: false because the schema gives `properties` to context objects without `type: "object"` (it documents
// their fields without enforcing their shape), which strict mode reports.
const checkCanonical = new Ajv({ allErrors: true, strict: false }).compile(CANONICAL_EVENT_SCHEMA);

/**
 * The event's top-level fields without those that are null, in an object with no prototype. Pipelines send
 * `"userId": null` or `"traits": null` for "not known", so null counts as absent here exactly as it does in a
 * preset's reads. Absent when the input is not a JSON object.
 */
export function eventFields(input: unknown): Record<string, unknown> | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  const fields: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) fields[key] = value;
  }
  return fields;
}

/** Problems with fields already taken apart by eventFields; empty when the structure is sound. */
export function checkEventFields(fields: Record<string, unknown>): string[] {
  if (checkCanonical(fields)) return [];
  return describeSchemaErrors(checkCanonical.errors ?? [], fields, "event");
}

/** Every structural problem of the event, each naming its field; empty when the event is valid. */
export function validateEvent(input: unknown): string[] {
  const fields = eventFields(input);
  if (fields === undefined) return ["event is not a JSON object"];
  return checkEventFields(fields);
}
