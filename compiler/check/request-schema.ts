// The destination's request schema: loading it, finding the field a target names, and what values fit a field.

import { asSchema, childSchema, declaredKeys, type SchemaNode } from "./event-schema.js";

export type LoadedSchema =
  | { readonly ok: true; readonly path: string; readonly schema: SchemaNode }
  | { readonly ok: false; readonly path: string; readonly problem: string };

/** Reads and parses a request schema. Never throws: a missing file or bad JSON is a problem to report. */
export function loadRequestSchema(
  absolutePath: string,
  readFile: (absolutePath: string) => string | undefined,
): LoadedSchema {
  let text: string | undefined;
  try {
    text = readFile(absolutePath);
  } catch {
    text = undefined;
  }
  if (typeof text !== "string") return { ok: false, path: absolutePath, problem: "cannot be read" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, path: absolutePath, problem: `is not valid JSON${breakPosition(text, error)}` };
  }
  const schema = asSchema(json);
  if (schema === undefined) return { ok: false, path: absolutePath, problem: "is not a JSON Schema object" };
  return { ok: true, path: absolutePath, schema };
}

// JSON.parse's wording differs between Node versions, but each names the offset: report it as a line and column.
function breakPosition(text: string, error: unknown): string {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (match === null) return "";
  const before = text.slice(0, Number(match[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return ` (it breaks at line ${line}, column ${column})`;
}

/** Where a target path leads in the request schema. */
export type TargetResolution =
  | { readonly kind: "field"; readonly schema: SchemaNode }
  /** Beneath an object that allows any key (no `additionalProperties: false`): unchecked. */
  | { readonly kind: "open" }
  /** Name `index` is not a field of `parent` (the target so far, "" for the body itself). */
  | { readonly kind: "unknown"; readonly index: number; readonly parent: string; readonly known: readonly string[] }
  /** Name `index` goes inside `parent`, which is not an object. */
  | { readonly kind: "not-object"; readonly index: number; readonly parent: string; readonly parentType: string };

/** Follows `names` through `properties`, then `additionalProperties` when that is a schema. */
export function resolveTarget(root: SchemaNode, names: readonly string[]): TargetResolution {
  let node = root;
  for (let index = 0; index < names.length; index++) {
    const parent = names.slice(0, index).join(".");
    const types = allowedTypes(node);
    if (index > 0 && types !== undefined && !types.includes("object")) {
      return { kind: "not-object", index, parent, parentType: describeSchemaTypes(types) };
    }
    const child = childSchema(node, names[index]) ?? asSchema(node.additionalProperties);
    if (child !== undefined) {
      node = child;
      continue;
    }
    if (node.additionalProperties === false) {
      return { kind: "unknown", index, parent, known: declaredKeys(node) ?? [] };
    }
    return { kind: "open" };
  }
  return { kind: "field", schema: node };
}

/** The JSON types a schema allows, or undefined when it does not say. */
export function allowedTypes(schema: SchemaNode): readonly string[] | undefined {
  const type = schema.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === "string");
  return undefined;
}

/** "a boolean", "an integer", "a string or null". */
export function describeSchemaTypes(types: readonly string[]): string {
  const names = types.map((type) => (type === "null" ? "null" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`));
  if (names.length <= 1) return names[0] ?? "nothing";
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** The allowed values of a field (`enum`, or `const` as a one-value enum), or undefined when any value goes. */
export function allowedValues(schema: SchemaNode): readonly unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  return undefined;
}
