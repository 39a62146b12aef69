// The destination's request schema: loading it, finding the field a target names, and what values fit a field.

import { asSchema, childSchema, declaredKeys, type SchemaNode } from "./event-schema.js";
import { registerDocument, unresolvedRefs, type ResolvedNode, type UnresolvedRef } from "./schema-resolve.js";
import { joinVariants, variants } from "./schema-variants.js";

export type LoadedSchema =
  | {
      readonly ok: true;
      readonly path: string;
      readonly schema: SchemaNode;
      /** `$ref`s that name nothing (reported as E451); each reads as an open schema. */
      readonly unresolved?: readonly UnresolvedRef[];
    }
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
  registerDocument(schema, absolutePath, readFile);
  return { ok: true, path: absolutePath, schema, unresolved: unresolvedRefs(schema) };
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
  | { readonly kind: "not-object"; readonly index: number; readonly parent: string; readonly parentType: string }
  /** The schema itself is a list (`type: array`), e.g. the body: a field cannot go in it; the list is set whole. */
  | { readonly kind: "array-body" };

/** The target that names the whole body. */
export const BODY_TARGET = "body";

/**
 * Where an assignment's target leads from the body's schema: `body <- …` sets the whole body (a list body, or an
 * object built in one literal), so its schema is the root's; any other target is resolved field by field.
 */
export function resolveAssignmentTarget(root: SchemaNode, names: readonly string[]): TargetResolution {
  if (names.length === 1 && names[0] === BODY_TARGET) return { kind: "field", schema: root };
  return resolveTarget(root, names);
}

/**
 * Follows `names` through `properties`, then `additionalProperties` when that is a schema, through `$ref`, `allOf`
 * and `anyOf`/`oneOf`: a name is known when some alternative declares it, and open when some alternative is open.
 */
export function resolveTarget(root: SchemaNode, names: readonly string[]): TargetResolution {
  let nodes = variants(root);
  for (let index = 0; index < names.length; index++) {
    const parent = names.slice(0, index).join(".");
    const objects = nodes.filter((node) => allowsType(node, "object"));
    if (objects.length === 0) {
      if (index === 0 && nodes.every((node) => allowsType(node, "array"))) return { kind: "array-body" };
      if (index > 0) return { kind: "not-object", index, parent, parentType: describeSchemaTypes(unionTypes(nodes)) };
    }
    const children: ResolvedNode[] = [];
    for (const node of objects) {
      const child = keySchema(node, names[index]);
      if (child !== undefined) children.push(...variants(child));
      else if (node.additionalProperties !== false) return { kind: "open" };
    }
    if (children.length === 0) {
      const known = [...new Set(objects.flatMap((node) => declaredKeys(node) ?? []))];
      return { kind: "unknown", index, parent, known };
    }
    nodes = children;
  }
  return { kind: "field", schema: joinVariants(nodes) };
}

/** The schema of `key` in an object: `properties`, then a matching `patternProperties`, then `additionalProperties`. */
function keySchema(node: ResolvedNode, key: string): SchemaNode | undefined {
  const declared = childSchema(node, key);
  if (declared !== undefined) return declared;
  const patterns = asSchema((node as { patternProperties?: unknown }).patternProperties) as
    Record<string, unknown> | undefined;
  for (const [pattern, schema] of Object.entries(patterns ?? {})) {
    if (matches(pattern, key)) return asSchema(schema) ?? {};
  }
  return asSchema(node.additionalProperties);
}

// A pattern JavaScript cannot compile matches nothing here; ajv reports the broken schema when the preset loads.
function matches(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, "u").test(key);
  } catch {
    return false;
  }
}

function allowsType(node: SchemaNode, type: string): boolean {
  const types = typeListOf(node);
  return types === undefined || types.includes(type);
}

function typeListOf(node: SchemaNode): readonly string[] | undefined {
  const type = node.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === "string");
  return undefined;
}

function unionTypes(nodes: readonly SchemaNode[]): string[] {
  return [...new Set(nodes.flatMap((node) => typeListOf(node) ?? []))];
}

/** The JSON types a schema allows (across its alternatives), or undefined when it does not say. */
export function allowedTypes(schema: SchemaNode): readonly string[] | undefined {
  const nodes = variants(schema);
  if (nodes.some((node) => typeListOf(node) === undefined)) return undefined;
  return unionTypes(nodes);
}

/** "a boolean", "an integer", "a string or null". */
export function describeSchemaTypes(types: readonly string[]): string {
  const names = types.map((type) => (type === "null" ? "null" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`));
  if (names.length <= 1) return names[0] ?? "nothing";
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** The allowed values of a field (`enum`, or `const` as a one-value enum), or undefined when any value goes. */
export function allowedValues(schema: SchemaNode): readonly unknown[] | undefined {
  const perVariant = variants(schema).map((node) => {
    if (Array.isArray(node.enum)) return node.enum;
    if (node.const !== undefined) return [node.const];
    return undefined;
  });
  if (perVariant.some((values) => values === undefined)) return undefined;
  return perVariant.flatMap((values) => values!);
}

/** The schema of a list's items, across the alternatives that are lists with `items`; undefined when unsaid. */
export function listItemSchema(schema: SchemaNode): SchemaNode | undefined {
  const items = variants(schema).flatMap((node) => {
    const item = node.items === true ? {} : asSchema(node.items);
    return item === undefined ? [] : variants(item);
  });
  return items.length === 0 ? undefined : joinVariants(items);
}

/** The item schema of a body that is a top-level list (`type: array`), or undefined when the body is not a list. */
export function bodyItemSchema(root: SchemaNode): SchemaNode | undefined {
  const nodes = variants(root);
  if (!nodes.every((node) => typeListOf(node)?.includes("array") === true)) return undefined;
  return listItemSchema(root) ?? {};
}

/** A step into a schema: a key of an object, or `[]` for the items of a list. */
export type SchemaStep = string;
export const ITEMS_STEP: SchemaStep = "[]";

/**
 * The sub-schemas a path of steps leads to (one per alternative), through `$ref`, `allOf` and `anyOf`/`oneOf`.
 * An open object or list gives `{}`; an empty result means no alternative allows the path.
 */
export function schemaAt(root: SchemaNode, steps: readonly SchemaStep[]): readonly SchemaNode[] {
  let nodes: readonly ResolvedNode[] = variants(root);
  for (const step of steps) {
    nodes = nodes.flatMap((node): readonly ResolvedNode[] => {
      if (step === ITEMS_STEP) {
        if (!allowsType(node, "array")) return [];
        const item = node.items === undefined || node.items === true ? {} : asSchema(node.items);
        return item === undefined ? [] : variants(item);
      }
      if (!allowsType(node, "object")) return [];
      const child = keySchema(node, step);
      if (child !== undefined) return variants(child);
      return node.additionalProperties === false ? [] : [{}];
    });
  }
  return nodes;
}

/** Keys every alternative of an object schema lists in `required`. */
export function requiredKeys(schema: SchemaNode): readonly string[] {
  const lists = variants(schema).map((node) => (Array.isArray(node.required) ? node.required : []));
  const [first = [], ...rest] = lists;
  return first.filter((key): key is string => typeof key === "string" && rest.every((list) => list.includes(key)));
}
