// The schemas the editor features read: the request schema of the send block at the cursor (through the checker's
// loader and resolver) and the canonical event schema, plus one way to describe a field of either in Markdown.

import { dirname, resolve } from "node:path";
import { asSchema, childSchema, declaredKeys, type SchemaNode } from "../compiler/check/event-schema.js";
import { allowedTypes, allowedValues, loadRequestSchema, schemaAt } from "../compiler/check/request-schema.js";
import { CANONICAL_EVENT_SCHEMA } from "../runtime/event/canonical-event-schema.js";
import type { Analysis } from "./documents.js";
import { presetAt, sendAt } from "./syntax-tree.js";

/** The request schema (`body matches`) of the send block at `offset`, or undefined when none is declared or readable. */
export function requestSchemaAt(facts: Analysis, offset: number): SchemaNode | undefined {
  const preset = presetAt(facts.result.ast, offset);
  const literal = preset === undefined ? undefined : sendAt(preset, offset)?.bodySchema;
  if (typeof literal?.value !== "string") return undefined;
  const path = resolve(dirname(facts.filename), literal.value);
  // Read once per document version: completion asks on every keystroke; an edited schema is read at the next one.
  const loaded = LOADED.get(facts) ?? new Map<string, SchemaNode | undefined>();
  LOADED.set(facts, loaded);
  if (!loaded.has(path)) {
    const schema = loadRequestSchema(path, facts.readFile);
    loaded.set(path, schema.ok ? schema.schema : undefined);
  }
  return loaded.get(path);
}

const LOADED = new WeakMap<Analysis, Map<string, SchemaNode | undefined>>();

/** The keys an object at `steps` of a schema declares (across its alternatives), each with its schema. */
export function fieldsAt(root: SchemaNode, steps: readonly string[]): Map<string, SchemaNode> {
  const fields = new Map<string, SchemaNode>();
  for (const node of schemaAt(root, steps)) {
    for (const key of declaredKeys(node) ?? []) {
      const child = childSchema(node, key);
      if (child !== undefined && !fields.has(key)) fields.set(key, child);
    }
  }
  return fields;
}

const EVENT_SCHEMA: SchemaNode = asSchema(CANONICAL_EVENT_SCHEMA) ?? {};

/** The canonical event's fields below `event` (the top) or `context`, after `steps`. */
export function canonicalFieldsAt(root: "event" | "context", steps: readonly string[]): Map<string, SchemaNode> {
  return fieldsAt(EVENT_SCHEMA, root === "event" ? steps : ["context", ...steps]);
}

function descriptionOf(schema: SchemaNode): string | undefined {
  const own = (schema as { description?: unknown }).description;
  if (typeof own === "string") return own;
  for (const node of schemaAt(schema, [])) {
    const text = (node as { description?: unknown }).description;
    if (typeof text === "string") return text;
  }
  return undefined;
}

/** `string | null` for a field's types, or `any` when the schema does not say. */
export function typeText(schema: SchemaNode): string {
  const types = allowedTypes(schema);
  return types === undefined || types.length === 0 ? "any" : types.join(" | ");
}

/** A field of a schema in Markdown: its name and type, its description, the values it allows. */
export function describeField(title: string, schema: SchemaNode): string {
  const lines = [`**${title}**: \`${typeText(schema)}\``];
  const description = descriptionOf(schema);
  if (description !== undefined) lines.push("", description);
  const values = allowedValues(schema);
  if (values !== undefined)
    lines.push("", `Allowed values: ${values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")}`);
  return lines.join("\n");
}

/** The one-line summary a completion item shows beside a field. */
export function fieldDetail(schema: SchemaNode): string {
  const values = allowedValues(schema);
  return values === undefined
    ? typeText(schema)
    : `${typeText(schema)} (${values.map((v) => JSON.stringify(v)).join(", ")})`;
}

export { descriptionOf };
