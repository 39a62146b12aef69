// The part of a request schema the compiler cannot prove: the schema with every rule that the body's guarantee
// already satisfies taken out (`true` when nothing is left). What stays is checked per event by generated code.

import { formatTest } from "../../runtime/formats.js";
import { nonEmptyText, type Guarantee, type ScalarType } from "./body-guarantee.js";

type Schema = Record<string, unknown>;
export type Residual = boolean | Schema;

/** Keywords that say nothing about validity. */
export const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$comment",
  "$defs",
  "definitions",
  "title",
  "description",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentMediaType",
  "contentEncoding",
]);
const STRING_RULES = new Set(["minLength", "maxLength", "pattern", "format"]);
const NUMBER_RULES = new Set(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]);
const ARRAY_RULES = new Set([
  "items",
  "prefixItems",
  "additionalItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "unevaluatedItems",
]);
const OBJECT_RULES = new Set([
  "properties",
  "patternProperties",
  "additionalProperties",
  "required",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "unevaluatedProperties",
]);

/** Resolves a local `$ref` ("#/…") against the root; undefined when it is not one. */
export function resolveRef(root: unknown, ref: unknown): unknown {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Schema)[key];
  }
  return ref === "#" ? root : node;
}

/** What remains of `schema` for a value the guarantee describes. Never looser than the schema for such values. */
export function residual(schema: unknown, value: Guarantee, root: unknown, depth = 0): Residual {
  if (schema === true || schema === undefined) return true;
  if (schema === false || schema === null || typeof schema !== "object" || Array.isArray(schema)) return false;
  if (depth > 24 || value.kind === "any") return schema as Schema;
  if (value.kind === "absent") return true;
  const node = schema as Schema;
  if (value.kind === "scalar" && value.literal !== undefined && literalFits(node, value.literal.value)) return true;
  if (value.kind === "object" && !reducible(node, value)) return node;
  const ifHolds = "if" in node && residual(node.if, value, root, depth + 1) === true;
  const out: Schema = {};
  for (const [key, rule] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || !appliesTo(key, value)) continue;
    if (key === "type" && typeFits(rule, value)) continue;
    if (value.kind === "object" && (key === "properties" || key === "additionalProperties")) continue;
    if (key === "$ref") {
      const target = resolveRef(root, rule);
      if (target === undefined) out[key] = rule;
      else addAll(out, residual(target, value, root, depth + 1));
    } else if (key === "allOf" && Array.isArray(rule)) {
      for (const member of rule) addAll(out, residual(member, value, root, depth + 1));
    } else if ((key === "oneOf" || key === "anyOf") && soleCandidate(rule, value, root) !== undefined) {
      // Every other member demands a type the value never has: the combinator is that one member.
      addAll(out, residual(soleCandidate(rule, value, root), value, root, depth + 1));
    } else if (key === "if" && ifHolds) {
      // The condition holds for every body the preset can build: only `then` applies, and `else` never does.
      addAll(out, residual(node.then, value, root, depth + 1));
    } else if ((key === "then" || key === "else") && ifHolds) {
      continue;
    } else if (key === "items" && value.kind === "list" && !Array.isArray(rule)) {
      const items = residual(rule, value.items, root, depth + 1);
      if (items !== true) out.items = items;
    } else if (!proven(key, rule, node, value, root, depth)) {
      out[key] = rule;
    }
  }
  if (value.kind === "object") {
    const properties = narrowedProperties(node, value, root, depth);
    if (Object.keys(properties).length > 0) out.properties = properties;
  }
  return Object.keys(out).length === 0 ? true : out;
}

/** Rules of one keyword added to the residual as one more `allOf` member (so no rule is overwritten). */
function addAll(out: Schema, part: Residual): void {
  if (part === true) return;
  const members = Array.isArray(out.allOf) ? out.allOf : [];
  out.allOf = [...members, part];
}

/** The one member of `anyOf`/`oneOf` whose `type` admits the value, when every other member's `type` rules it out. */
function soleCandidate(rule: unknown, value: Guarantee, root: unknown): unknown {
  if (!Array.isArray(rule)) return undefined;
  const open = rule.filter((member) => !excludes(member, value, root));
  return open.length === 1 ? open[0] : undefined;
}

/** Whether a member's own `type` (through a `$ref`) refuses every value of the guarantee's type. */
function excludes(member: unknown, value: Guarantee, root: unknown): boolean {
  let node = member;
  for (let hops = 0; hops < 8 && node !== null && typeof node === "object" && "$ref" in node; hops++)
    node = resolveRef(root, (node as Schema).$ref);
  if (node === null || typeof node !== "object" || !("type" in node)) return false;
  const rule = (node as Schema).type;
  const types = Array.isArray(rule) ? rule : [rule];
  const type = typeName(value);
  return !types.includes(type) && !(type === "number" && types.includes("integer"));
}

/** Type-specific keywords do not apply to values of other types. */
function appliesTo(key: string, value: Guarantee): boolean {
  const type = typeName(value);
  if (STRING_RULES.has(key)) return type === "string";
  if (NUMBER_RULES.has(key)) return type === "number";
  if (ARRAY_RULES.has(key)) return type === "array";
  if (OBJECT_RULES.has(key)) return type === "object";
  return true;
}

function typeName(value: Guarantee): string {
  return value.kind === "scalar" ? value.type : value.kind === "list" ? "array" : "object";
}

function typeFits(rule: unknown, value: Guarantee): boolean {
  return (Array.isArray(rule) ? rule : [rule]).includes(typeName(value));
}

/**
 * Keys the preset sets can be split per property only when each key's schema is known by name: no
 * patternProperties, and no key outside `properties` when additionalProperties is false.
 */
function reducible(node: Schema, value: Guarantee & { kind: "object" }): boolean {
  if ("patternProperties" in node) return false;
  return node.additionalProperties !== false || [...value.entries.keys()].every((name) => declared(node, name));
}

/** A keyword the guarantee satisfies on its own. */
function proven(key: string, rule: unknown, node: Schema, value: Guarantee, root: unknown, depth: number): boolean {
  if (key === "format") return formatTest(rule) === undefined; // other formats are annotations
  if (value.kind === "scalar" && value.sha256Hex === true) return digestFits(key, rule);
  if (key === "minLength" && nonEmptyText(value)) return typeof rule === "number" && rule <= 1;
  if (value.kind === "list") {
    if (key === "minItems") return typeof rule === "number" && rule <= 1;
    if (key === "maxItems") return typeof rule === "number" && value.maxLength !== undefined && value.maxLength <= rule;
    return false;
  }
  if (value.kind !== "object") return false;
  const entries = value.entries;
  switch (key) {
    case "required":
      return Array.isArray(rule) && rule.every((name) => entries.get(String(name))?.always === true);
    case "maxProperties":
      return typeof rule === "number" && entries.size <= rule;
    case "minProperties":
      return typeof rule === "number" && [...entries.values()].filter((e) => e.always).length >= rule;
    case "propertyNames":
      return [...entries.keys()].every((name) => residual(rule, literalText(name), root, depth + 1) === true);
    default:
      return false;
  }
}

/** Patterns every SHA-256 hex digest matches (spelled as request schemas spell them). */
const DIGEST_PATTERNS = new Set(["^[a-f0-9]{64}$", "^[0-9a-f]{64}$", "^[a-f0-9]+$", "^[0-9a-f]+$"]);

/** A string rule that every 64-digit lower-case hex digest meets. */
function digestFits(key: string, rule: unknown): boolean {
  if (key === "pattern") return typeof rule === "string" && DIGEST_PATTERNS.has(rule);
  if (key === "minLength") return typeof rule === "number" && rule <= 64;
  if (key === "maxLength") return typeof rule === "number" && rule >= 64;
  return false;
}

/**
 * `properties` narrowed to the keys the preset sets, each with its own residual; an extra key (under
 * `additionalProperties`) is written as a property of its own, since its name is known at compile time.
 */
function narrowedProperties(node: Schema, value: Guarantee & { kind: "object" }, root: unknown, depth: number): Schema {
  const properties: Schema = {};
  for (const [name, entry] of value.entries) {
    const left = residual(propertySchema(node, name), entry.value, root, depth + 1);
    // defineProperty, so a key named `__proto__` is a property of the residual and not its prototype.
    if (left !== true) Object.defineProperty(properties, name, { value: left, enumerable: true, writable: true });
  }
  return properties;
}

function declared(node: Schema, name: string): boolean {
  const properties = node.properties;
  return (
    properties !== null && typeof properties === "object" && Object.prototype.hasOwnProperty.call(properties, name)
  );
}

/** The schema a key's value meets: its property, else `additionalProperties`. */
function propertySchema(node: Schema, name: string): unknown {
  if (declared(node, name)) return (node.properties as Schema)[name];
  return node.additionalProperties ?? true;
}

function literalText(text: string): Guarantee {
  return { kind: "scalar", type: "string", literal: { value: text } };
}

/** A written value against the simple keywords; false (keep the schema) when any other keyword is present. */
function literalFits(node: Schema, value: unknown): boolean {
  const type = (value === null ? "null" : typeof value) as ScalarType;
  for (const [key, rule] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!literalRule(key, rule, value, type)) return false;
  }
  return true;
}

function literalRule(key: string, rule: unknown, value: unknown, type: ScalarType): boolean {
  if (key === "type")
    return (Array.isArray(rule) ? rule : [rule]).some(
      (t) => t === type || (t === "integer" && Number.isInteger(value)),
    );
  if (key === "enum") return Array.isArray(rule) && rule.some((option) => option === value);
  if (key === "const") return rule === value;
  if (typeof value === "string") {
    if (key === "minLength") return typeof rule === "number" && [...value].length >= rule;
    if (key === "maxLength") return typeof rule === "number" && [...value].length <= rule;
    if (key === "format") return formatTest(rule)?.(value) ?? true;
    if (key === "pattern") return typeof rule === "string" && safeTest(rule, value);
  }
  if (typeof value === "number") {
    if (key === "minimum") return typeof rule === "number" && value >= rule;
    if (key === "maximum") return typeof rule === "number" && value <= rule;
    if (key === "exclusiveMinimum") return typeof rule === "number" && value > rule;
    if (key === "exclusiveMaximum") return typeof rule === "number" && value < rule;
  }
  // A keyword for another type does not apply; anything else is left to the run-time check.
  return (
    (STRING_RULES.has(key) && typeof value !== "string") ||
    (NUMBER_RULES.has(key) && typeof value !== "number") ||
    ARRAY_RULES.has(key) ||
    OBJECT_RULES.has(key)
  );
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return false;
  }
}
