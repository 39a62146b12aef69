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
  if (checkCanonical(fields)) return [];
  return describeSchemaErrors(checkCanonical.errors ?? [], fields, "event");
}

/** Every structural problem of the event, each naming its field; empty when the event is valid. */
export function validateEvent(input: unknown): string[] {
  const fields = eventFields(input);
  if (fields === undefined) return ["event is not a JSON object"];
  return checkEventFields(fields);
}
