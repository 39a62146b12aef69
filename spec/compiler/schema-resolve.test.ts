// The request-schema model: $ref, $defs/definitions, allOf, anyOf/oneOf, items and list bodies, with cycles guarded.

import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  allowedTypes,
  bodyItemSchema,
  ITEMS_STEP,
  loadRequestSchema,
  requiredKeys,
  resolveAssignmentTarget,
  resolveTarget,
  schemaAt,
} from "../../compiler/check/request-schema.js";
import type { SchemaNode } from "../../compiler/check/event-schema.js";
import { checkFile } from "../../compiler/check/index.js";
import { parse } from "../../dsl/parse.js";
import { compileBodyCheck } from "../../runtime/request-schema.js";
import { loadPresetSource } from "../../loader/load-preset.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASES = join(import.meta.dirname, "check-cases");

/** Loads a schema given as JSON, with other files served from `files`. */
function load(schema: unknown, files: Record<string, unknown> = {}): SchemaNode {
  const read = (path: string) => {
    if (path === "/schemas/root.json") return JSON.stringify(schema);
    const name = path.replace("/schemas/", "");
    return name in files ? JSON.stringify(files[name]) : undefined;
  };
  const loaded = loadRequestSchema("/schemas/root.json", read);
  if (!loaded.ok) throw new Error(loaded.problem);
  return loaded.schema;
}

const types = (nodes: readonly SchemaNode[]) => nodes.map((node) => allowedTypes(node));

describe("schemaAt", () => {
  const schema = load({
    type: "object",
    properties: {
      a: { $ref: "#/$defs/A" },
      b: { $ref: "#/definitions/B" },
      c: { anyOf: [{ type: "string" }, { type: "integer" }] },
      list: { type: "array", items: { $ref: "#/$defs/A" } },
      far: { $ref: "other.json#/$defs/Far" },
    },
    allOf: [{ properties: { merged: { type: "boolean" } } }],
    $defs: { A: { type: "object", required: ["x"], properties: { x: { type: "number" } } } },
    definitions: { B: { type: "string" } },
  });
  const other = { $defs: { Far: { type: "object", properties: { y: { type: "null" } } } } };
  const withFiles = load({ properties: { far: { $ref: "other.json#/$defs/Far" } } }, { "other.json": other });

  it("follows $ref to $defs, definitions and a file beside the schema", () => {
    expect(types(schemaAt(schema, ["a", "x"]))).toEqual([["number"]]);
    expect(types(schemaAt(schema, ["b"]))).toEqual([["string"]]);
    expect(types(schemaAt(withFiles, ["far", "y"]))).toEqual([["null"]]);
  });

  it("merges allOf, keeps anyOf branches apart and steps into list items with []", () => {
    expect(types(schemaAt(schema, ["merged"]))).toEqual([["boolean"]]);
    expect(types(schemaAt(schema, ["c"]))).toEqual([["string"], ["integer"]]);
    expect(types(schemaAt(schema, ["list", ITEMS_STEP, "x"]))).toEqual([["number"]]);
    expect(requiredKeys(schemaAt(schema, ["list", ITEMS_STEP])[0])).toEqual(["x"]);
  });

  it("takes a key matching patternProperties in a closed object", () => {
    const closed = load({
      type: "object",
      additionalProperties: false,
      patternProperties: { "^utm_": { type: "string" } },
    });
    expect(types(schemaAt(closed, ["utm_source"]))).toEqual([["string"]]);
    expect(resolveTarget(closed, ["source"])).toMatchObject({ kind: "unknown" });
  });

  it("gives no schema where no alternative allows the path, and {} where the object is open", () => {
    expect(schemaAt(load({ type: "object", additionalProperties: false }), ["x"])).toEqual([]);
    expect(schemaAt(load({ type: "object" }), ["x", "y"])).toEqual([{}]);
  });
});

describe("list bodies", () => {
  it("gives the item schema of a top-level array, and refuses field targets in it", () => {
    const schema = load({ type: "array", items: { $ref: "#/$defs/Event" }, $defs: { Event: { type: "object" } } });
    expect(allowedTypes(bodyItemSchema(schema)!)).toEqual(["object"]);
    expect(resolveTarget(schema, ["event"])).toEqual({ kind: "array-body" });
    expect(bodyItemSchema(load({ type: "object" }))).toBeUndefined();
  });

  it("resolves the target body to the whole body's schema, list or object", () => {
    const list = load({ type: "array", items: { type: "object" } });
    expect(resolveAssignmentTarget(list, ["body"])).toEqual({ kind: "field", schema: list });
    const object = load({ type: "object", additionalProperties: false, properties: { a: { type: "string" } } });
    expect(resolveAssignmentTarget(object, ["body"])).toEqual({ kind: "field", schema: object });
    // Beneath the body, a field named "body" is just a field.
    expect(resolveTarget(object, ["body"])).toMatchObject({ kind: "unknown", known: ["a"] });
  });
});

describe("cycles and broken references", () => {
  it.each([
    ["a $ref to the root", { $ref: "#" }],
    ["allOf holding itself", { allOf: [{ $ref: "#" }] }],
    [
      "two definitions naming each other",
      { $ref: "#/$defs/A", $defs: { A: { $ref: "#/$defs/B" }, B: { $ref: "#/$defs/A" } } },
    ],
    ["anyOf of itself", { anyOf: [{ $ref: "#" }, { $ref: "#" }] }],
  ])("reads %s as open, without hanging", (_, schema) => {
    expect(resolveTarget(load(schema), ["x", "y"])).toEqual({ kind: "open" });
  });

  it("reports each $ref that names nothing, and reads it as open", () => {
    const loaded = loadRequestSchema("/s.json", () =>
      JSON.stringify({ properties: { a: { $ref: "#/$defs/Nope" }, b: { $ref: "https://example.com/s.json" } } }),
    );
    expect(loaded.ok && loaded.unresolved).toEqual([
      { ref: "#/$defs/Nope", at: "#/properties/a" },
      { ref: "https://example.com/s.json", at: "#/properties/b" },
    ]);
    expect(loaded.ok && resolveTarget(loaded.schema, ["a", "z"])).toEqual({ kind: "open" });
  });
});

describe("a preset whose schema refers to a file beside it", () => {
  const path = join(CASES, "schema-relative-ref.map");
  const source = readFileSync(path, "utf8").replace("address.stret", "address.street");

  it("embeds that file, so the runtime body check follows the same $ref", () => {
    const checked = checkFile(parse(source, path).ast, { filename: path });
    expect(checked.diagnostics).toEqual([]);
    const check = compileBodyCheck(checked.presets[0].requestSchema!);
    expect(check({ id: "lead-1", address: { street: "1 Main St" } })).toEqual([]);
    expect(check({ id: "lead-1", address: { street: 42 } })).toEqual([
      'field "address.street" must be a string, got number',
    ]);
  });

  it("sends the body built through that $ref", async () => {
    const preset = await loadPresetSource(source, relative(ROOT, path));
    const event = { type: "track", event: "Signed Up", messageId: "m1", traits: { street: "1 Main St" } };
    expect(preset.transform(event, { api_key: "k" })).toMatchObject({
      outcome: "send",
      request: { body: { id: "lead-1", address: { street: "1 Main St" } } },
    });
  });
});
