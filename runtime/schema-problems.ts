// Turns ajv errors into messages that name the field in the reader's terms: `field "traits" must be an object, got string`.

import type { ErrorObject } from "ajv";

const ARTICLES: Readonly<Record<string, string>> = {
  object: "an object",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  null: "null",
};

/** The JSON type of a value as a reader names it: string, number, boolean, null, list or object. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (value === undefined) return "absent";
  return typeof value;
}

/**
 * One message per error. `root` is the validated value, read to say what was found; `rootName` names it when the
 * error is about the whole value. Values are never quoted: they may be personal data or secrets.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown, rootName: string): string[] {
  const messages = errors.map((error) => describeSchemaError(error, root, rootName));
  return [...new Set(messages)];
}

function describeSchemaError(error: ErrorObject, root: unknown, rootName: string): string {
  const path = pathSegments(error.instancePath);
  const subject = path.length === 0 ? rootName : `field "${dotted(path)}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `${subject} must be ${expectedTypes(params.type)}, got ${jsonTypeName(valueAt(root, path))}`;
    case "required":
      return `missing required field "${dotted([...path, String(params.missingProperty)])}"`;
    case "additionalProperties":
      return `unknown field "${dotted([...path, String(params.additionalProperty)])}"`;
    case "enum":
      return `${subject} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return `${subject} ${error.message ?? `breaks the schema's "${error.keyword}" rule`}`;
  }
}

function expectedTypes(type: unknown): string {
  const listed = Array.isArray(type) ? type.map(String) : String(type).split(",");
  // A field that may also be null says so for "not known"; the message names what the field is meant to hold.
  const names = listed.length > 1 ? listed.filter((name) => name !== "null") : listed;
  return names.map((name) => ARTICLES[name] ?? name).join(" or ");
}

/** JSON Pointer segments of an ajv instancePath ("/context/traits" → ["context", "traits"]). */
function pathSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `context.traits`, with list positions as `tags[0]`. */
function dotted(path: readonly string[]): string {
  return path.reduce((text, segment) => {
    if (/^\d+$/.test(segment)) return `${text}[${segment}]`;
    return text === "" ? segment : `${text}.${segment}`;
  }, "");
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
