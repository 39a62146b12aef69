// A schema node as the alternatives it allows: `$ref` followed, `allOf` merged into one node, `anyOf`/`oneOf` kept
// as separate variants. Cycles and explosions read as an open schema (`{}`): unchecked, never a hang.

import { asSchema, type SchemaNode } from "./event-schema.js";
import { resolveRef, type ResolvedNode } from "./schema-resolve.js";

const MAX_DEPTH = 32;
const MAX_VARIANTS = 64;
const OPEN: ResolvedNode = Object.freeze({});

const CACHE = new WeakMap<object, readonly ResolvedNode[]>();

/** The alternatives a schema allows, none of them holding `$ref`, `allOf`, `anyOf` or `oneOf`. Never empty. */
export function variants(schema: SchemaNode): readonly ResolvedNode[] {
  const cached = CACHE.get(schema);
  if (cached !== undefined) return cached;
  const result = expand(schema, new Set(), 0);
  const variantsOf = result === undefined || result.length === 0 ? [OPEN] : result;
  CACHE.set(schema, variantsOf);
  return variantsOf;
}

/** undefined when the node cannot be expanded within the limits (then it reads as open). */
function expand(node: ResolvedNode, seen: Set<object>, depth: number): ResolvedNode[] | undefined {
  if (depth > MAX_DEPTH || seen.has(node)) return undefined;
  const inner = new Set(seen).add(node);
  const { $ref, allOf, anyOf, oneOf, ...base } = node;
  let results: ResolvedNode[] | undefined = [base];
  if ($ref !== undefined) {
    const target = resolveRef(node);
    // An unresolvable `$ref` is reported once, where the schema is loaded; here it allows anything.
    results = combine(results, target === undefined ? [OPEN] : expand(target, inner, depth + 1));
  }
  for (const part of schemaList(allOf)) results = combine(results, expand(part, inner, depth + 1));
  for (const choice of [anyOf, oneOf]) {
    if (!Array.isArray(choice)) continue;
    const branches = schemaList(choice).map((branch) => expand(branch, inner, depth + 1));
    if (branches.some((branch) => branch === undefined)) return undefined;
    results = combine(
      results,
      branches.flatMap((branch) => branch!),
    );
  }
  return results;
}

function schemaList(value: unknown): SchemaNode[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (item === true ? [OPEN] : (asSchema(item) ?? [])));
}

function combine(left: ResolvedNode[] | undefined, right: ResolvedNode[] | undefined): ResolvedNode[] | undefined {
  if (left === undefined || right === undefined) return undefined;
  if (left.length * right.length > MAX_VARIANTS) return undefined;
  const merged = left.flatMap((a) => right.flatMap((b) => merge(a, b) ?? []));
  // Every combination contradicts itself (`type` with nothing in common): keep the left ones rather than none.
  return merged.length > 0 ? merged : left;
}

/** Both schemas at once; undefined when their types have nothing in common. */
function merge(a: ResolvedNode, b: ResolvedNode): ResolvedNode | undefined {
  const type = mergeTypes(a.type, b.type);
  if (type !== undefined && type.length === 0) return undefined;
  const merged: Record<string, unknown> = { ...a, ...b };
  if (type !== undefined) merged.type = type;
  merged.properties = mergeProperties(a.properties, b.properties);
  if (merged.properties === undefined) delete merged.properties;
  merged.additionalProperties = mergeAdditional(a.additionalProperties, b.additionalProperties);
  if (merged.additionalProperties === undefined) delete merged.additionalProperties;
  if (a.items !== undefined && b.items !== undefined) merged.items = { allOf: [a.items, b.items] };
  if (Array.isArray(a.required) || Array.isArray(b.required)) {
    merged.required = [...new Set([...listed(a.required), ...listed(b.required)])];
  }
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    merged.enum = a.enum.filter((value) => b.enum!.some((other) => JSON.stringify(other) === JSON.stringify(value)));
  }
  const conditionals = [...conditionalsOf(a), ...conditionalsOf(b)];
  delete merged.if;
  delete merged.then;
  if (conditionals.length > 0) merged.conditionals = conditionals;
  return merged;
}

function listed(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The `if`/`then` pairs of a variant: its own and those merged in from `allOf` parts. */
export function conditionalsOf(node: ResolvedNode): { if: unknown; then: unknown }[] {
  return [...(node.conditionals ?? []), ...(node.if !== undefined ? [{ if: node.if, then: node.then }] : [])];
}

function typeList(type: unknown): string[] | undefined {
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === "string") : undefined;
}

// "integer" is a kind of "number": their intersection is "integer".
function mergeTypes(a: unknown, b: unknown): string[] | undefined {
  const left = typeList(a);
  const right = typeList(b);
  if (left === undefined || right === undefined) return left ?? right;
  const common = left.flatMap((type) => {
    if (right.includes(type)) return [type];
    if ((type === "integer" && right.includes("number")) || (type === "number" && right.includes("integer"))) {
      return ["integer"];
    }
    return [];
  });
  return [...new Set(common)];
}

function mergeProperties(a: unknown, b: unknown): Record<string, unknown> | undefined {
  const left = asSchema(a) as Record<string, unknown> | undefined;
  const right = asSchema(b) as Record<string, unknown> | undefined;
  if (left === undefined || right === undefined) return left ?? right;
  const merged: Record<string, unknown> = { ...left };
  for (const [key, value] of Object.entries(right)) {
    merged[key] = Object.prototype.hasOwnProperty.call(left, key) ? { allOf: [left[key], value] } : value;
  }
  return merged;
}

// Closed in one part is closed in the merge: the author listed the fields the API takes across the parts.
function mergeAdditional(a: unknown, b: unknown): unknown {
  if (a === false || b === false) return false;
  if (a === undefined || b === undefined) return a ?? b;
  if (asSchema(a) !== undefined && asSchema(b) !== undefined) return { allOf: [a, b] };
  return asSchema(a) ?? asSchema(b) ?? a;
}

/** One schema for several variants: the variant itself, or `anyOf` them (which `variants` reads back). */
export function joinVariants(nodes: readonly ResolvedNode[]): ResolvedNode {
  return nodes.length === 1 ? nodes[0] : { anyOf: [...nodes] };
}
