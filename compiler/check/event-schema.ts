// Reads of `event.<field>` and `context.<field>` resolved against the canonical event schema the runtime validates.

import type { PathSegment } from "../../dsl/ast.js";
import type { ValueType } from "../../runtime/stdlib/spec.js";
import { CANONICAL_EVENT_SCHEMA as canonicalEventSchema } from "../../runtime/event/canonical-event-schema.js";

/** The parts of a JSON Schema the checker reads; everything else is ignored. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly additionalProperties?: unknown;
  readonly items?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
}

/** Where a path into the canonical event leads. */
export type CanonicalResolution =
  /** Every segment is declared; `schema` is the last one's. */
  | { readonly kind: "declared"; readonly schema: SchemaNode }
  /** A segment went beneath a key with no declared `properties` (e.g. `context.traits.x`): anything goes. */
  | { readonly kind: "open" }
  /** Segment `index` names nothing declared at its level; `parent` is the path read so far, `known` its keys. */
  | { readonly kind: "unknown"; readonly index: number; readonly parent: string; readonly known: readonly string[] };

const EVENT_SCHEMA: SchemaNode = asSchema(canonicalEventSchema) ?? {};

/** Resolves `root` (`event` or `context`) followed by `segments`. `event` starts at the top of the event. */
export function resolveCanonicalPath(root: "event" | "context", segments: readonly PathSegment[]): CanonicalResolution {
  let node = root === "event" ? EVENT_SCHEMA : childSchema(EVENT_SCHEMA, "context");
  let readSoFar: string = root;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (node === undefined) return { kind: "open" };
    const declared = declaredKeys(node);
    if (declared === undefined) return { kind: "open" };
    const child = segment?.kind === "Field" ? childSchema(node, segment.name) : undefined;
    if (child === undefined) return { kind: "unknown", index, parent: readSoFar, known: declared };
    node = child;
    readSoFar += `.${segment.kind === "Field" ? segment.name : ""}`;
  }
  return node === undefined ? { kind: "open" } : { kind: "declared", schema: node };
}

/** The schema of the field a fully declared path reads, or undefined when it is open or unknown. */
export function canonicalFieldSchema(
  root: "event" | "context",
  segments: readonly PathSegment[],
): SchemaNode | undefined {
  const resolution = resolveCanonicalPath(root, segments);
  return resolution.kind === "declared" ? resolution.schema : undefined;
}

/** A read of the event never gives null (it reads as absent), so `["string", "null"]` reads as a string. */
function readType(type: SchemaNode["type"]): string | undefined {
  if (!Array.isArray(type)) return type as string | undefined;
  const withoutNull = type.filter((name) => name !== "null");
  return withoutNull.length === 1 ? withoutNull[0] : undefined;
}

/** The value type a schema declares; `any` when it declares none or several. */
export function schemaValueType(schema: SchemaNode): ValueType {
  const type = readType(schema.type);
  switch (type) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "object":
      return type;
    case "integer":
      return "number";
    case "array":
      return "list";
    default:
      return "any";
  }
}

/** The declared keys of an object schema, or undefined when it declares no `properties` (an open object). */
export function declaredKeys(schema: SchemaNode): readonly string[] | undefined {
  const properties = schema.properties;
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return undefined;
  return Object.keys(properties);
}

/** The schema of a declared property (own keys only, so `constructor` or `__proto__` never resolve). */
export function childSchema(schema: SchemaNode, key: string): SchemaNode | undefined {
  const properties = schema.properties;
  if (properties === null || typeof properties !== "object") return undefined;
  if (!Object.prototype.hasOwnProperty.call(properties, key)) return undefined;
  return asSchema(properties[key]);
}

/** A JSON value as a schema node when it is an object; `true`, `false` and anything else are not. */
export function asSchema(value: unknown): SchemaNode | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}
