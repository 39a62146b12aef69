// The generated body checks against ajv: on the body of every fixture of every shipped preset, and on fuzzed bodies of
// every shape the compiler says a block can build (hostile strings, absent optional fields), the same verdict, and a
// refusal names a field ajv names too.

import fc from "fast-check";
import type { ErrorObject, ValidateFunction } from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, emitChecked, presetNames } from "../../compiler/index.js";
import { stripTypes } from "../../compiler/codegen/strip-types.js";
import { bodyFacts } from "../../compiler/codegen/body-checks.js";
import type { Guarantee } from "../../compiler/codegen/body-guarantee.js";
import { runtime } from "../../runtime/index.js";
import { createPreset, type Preset } from "../../runtime/preset.js";
import type { PresetModule, Runtime } from "../../runtime/preset-module.js";
import { ajvForSchema } from "../support/schema-ajv.js";

const PRESETS = join(import.meta.dirname, "..", "..", "presets");
type Check = (body: unknown) => string | undefined;

interface Block {
  readonly label: string;
  readonly check: Check | undefined;
  readonly ajv: ValidateFunction | undefined;
  readonly guarantee: Guarantee | undefined;
}

type Reader = (path: string) => string | undefined;

/** The generated module itself (its body checks are code, not part of a preset's description). */
async function moduleOf(source: string, filename: string, preset?: string, readFile?: Reader): Promise<PresetModule> {
  const code = emitChecked(source, { filename, preset, ...(readFile ? { readFile } : {}) }).code!;
  const js = Buffer.from(stripTypes(code)).toString("base64");
  const factory = (await import(`data:text/javascript;base64,${js}`)) as { default: (rt: Runtime) => PresetModule };
  return factory.default(runtime);
}

async function shippedBlocks(): Promise<{ preset: Preset; integration: string; blocks: Block[] }[]> {
  const found = [];
  for (const integration of readdirSync(PRESETS)) {
    for (const file of readdirSync(join(PRESETS, integration)).filter((f) => f.endsWith(".map"))) {
      const path = join(PRESETS, integration, file);
      const source = readFileSync(path, "utf8");
      const checked = check(source, { filename: path });
      for (const name of presetNames(source, path)) {
        const module = await moduleOf(source, path, name);
        const preset = createPreset(module);
        const decl = checked.presets.find((p) => p.decl.name.text === name)!;
        const facts = bodyFacts({ integration: checked.ast.integration!, ...decl, preset: decl.decl });
        const blocks = preset.meta.sends.map((send, index) => ({
          label: `${integration}/${name} block ${index + 1}`,
          check: module.bodyChecks?.[index],
          ajv: send.requestSchema === undefined ? undefined : ajvFor(send.requestSchema),
          guarantee: facts[index]?.guarantee,
        }));
        found.push({ preset, integration, blocks });
      }
    }
  }
  return found;
}

/** ajv as the runtime configures it (same dialects, same enforced formats), compiled here. */
function ajvFor(schema: object): ValidateFunction {
  return ajvForSchema(schema, { formats: true });
}

/** Every field ajv blames, as a pointer: a missing or unknown property is the property's own pointer. */
function blamed(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const params = error.params as Record<string, unknown>;
    const key = error.keyword === "required" ? params.missingProperty : params.additionalProperty;
    if (typeof key !== "string") return error.instancePath;
    return `${error.instancePath}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
  });
}

function expectSame(block: Block, body: unknown): void {
  const verdict = block.check!(body);
  const valid = block.ajv!(body);
  const context = `${block.label}: ${JSON.stringify(body)}`;
  expect(verdict === undefined, context).toBe(valid);
  if (verdict !== undefined) expect(blamed(block.ajv!.errors ?? []), context).toContain(verdict);
}

// What the hash functions give (spec/runtime/stdlib-declared-facts.test.ts proves it).
const DIGEST = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
const HOSTILE = fc.constantFrom("", " ", "\u0000", "\ud800", "😀".repeat(40), "x".repeat(300), "__proto__", "a/b~c");
const text = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 60 }), HOSTILE, fc.emailAddress());

/** Bodies of the shape the guarantee describes: each field any value of its type, optional fields left out. */
function bodies(guarantee: Guarantee, depth = 0): fc.Arbitrary<unknown> {
  switch (guarantee.kind) {
    case "scalar":
      if (guarantee.literal !== undefined) return fc.constant(guarantee.literal.value);
      if (guarantee.sha256Hex === true) return DIGEST;
      // A function's text result is never "" (spec/runtime/stdlib-declared-facts.test.ts proves that too).
      if (guarantee.type === "string") return guarantee.nonEmpty === true ? text.filter((t) => t !== "") : text;
      if (guarantee.type === "number")
        return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
      return guarantee.type === "boolean" ? fc.boolean() : fc.constant(null);
    case "list":
      return fc.array(bodies(guarantee.items, depth + 1), { minLength: 1, maxLength: guarantee.maxLength ?? 4 });
    case "object": {
      const entries = [...guarantee.entries];
      const shape = Object.fromEntries(entries.map(([key, entry]) => [key, bodies(entry.value, depth + 1)]));
      const requiredKeys = entries.filter(([, entry]) => entry.always).map(([key]) => key);
      return fc.record(shape, { requiredKeys });
    }
    default:
      return depth > 3 ? fc.jsonValue({ maxDepth: 1 }) : fc.oneof(fc.jsonValue({ maxDepth: 2 }), text);
  }
}

// Every keyword the generator writes code for, on values it cannot prove (text and numbers from the event).
const KEYWORD_MAP = `integration demo
  setting api_key: secret required

preset keywords
  on track
  send POST "https://api.example.com/v1/things"
    body matches "things.schema.json"

  name <- to_string(traits.name)
  email <- to_string(traits.email)
  visited_at <- to_string(traits.visited_at)
  code <- to_string(traits.code)
  score <- to_number(traits.score) ?? omit
  count <- to_number(traits.count) ?? omit
  tags <- [to_string(t) for t in traits.tags]
  labels <- { primary: to_string(traits.primary), extra: to_string(traits.extra) }
  kind <- to_string(traits.kind)
  ids <- to_string(traits.ids)
  groups <- [to_string(g) for g in traits.groups]
  alias <- to_string(traits.alias)
  handle <- to_string(traits.handle)
  region <- to_string(traits.region)
`;

const KEYWORD_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 2, maxLength: 10 },
    email: { type: "string", format: "email" },
    visited_at: { type: "string", format: "date-time" },
    code: { type: "string", pattern: "^[A-Z]{3}$" },
    score: { type: "number", minimum: 0, exclusiveMaximum: 100 },
    count: { type: "integer", maximum: 10 },
    tags: { type: "array", maxItems: 3, items: { type: "string", maxLength: 5 } },
    labels: {
      type: "object",
      required: ["primary"],
      properties: { primary: { type: "string", enum: ["a", "b"] } },
      additionalProperties: { type: "string", maxLength: 3 },
    },
    kind: { $ref: "#/definitions/kind" },
    ids: {
      oneOf: [
        { type: "string", minLength: 1 },
        { type: "string", pattern: "^[0-9]+$" },
      ],
    },
    groups: { oneOf: [{ type: "string" }, { type: "array", minItems: 1, items: { $ref: "#/definitions/id" } }] },
    alias: { anyOf: [{ maxLength: 3 }, { pattern: "^[0-9]+$" }] },
    handle: { not: { enum: ["admin", "root"] } },
    region: { oneOf: [{ $ref: "#/definitions/id" }, { type: "array" }] },
  },
  definitions: { kind: { type: "string", const: "lead" }, id: { type: "string", maxLength: 2 } },
};

async function keywordBlock(): Promise<Block> {
  const filename = join(PRESETS, "demo-keywords.map");
  const readFile = (path: string) => (path.endsWith("things.schema.json") ? JSON.stringify(KEYWORD_SCHEMA) : undefined);
  const module = await moduleOf(KEYWORD_MAP, filename, undefined, readFile);
  const checked = check(KEYWORD_MAP, { filename, readFile });
  const decl = checked.presets[0]!;
  const facts = bodyFacts({ integration: checked.ast.integration!, ...decl, preset: decl.decl });
  return {
    label: "demo/keywords block 1",
    check: module.bodyChecks?.[0],
    ajv: ajvFor(KEYWORD_SCHEMA),
    guarantee: facts[0]?.guarantee,
  };
}

describe("generated body checks agree with ajv", async () => {
  const shipped = await shippedBlocks();
  const covered = shipped.flatMap(({ blocks }) => blocks).filter((block) => block.check && block.ajv);

  it("cover the shipped presets whose schemas use only the keywords they handle", () => {
    const labels = covered.map((block) => block.label);
    expect(labels).toContain("salesloft/lead_capture block 1");
    expect(labels).toContain("hubspot/contacts_upsert block 1");
    // Its schema uses oneOf for the hashed identifiers.
    expect(labels.some((label) => label.startsWith("meta/"))).toBe(true);
  });

  it("on the body of every fixture of every shipped preset", () => {
    let compared = 0;
    for (const { preset, integration, blocks } of shipped) {
      const folder = join(PRESETS, integration, "tests");
      for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
        const fixture = JSON.parse(readFileSync(join(folder, file), "utf8")) as { event: unknown; settings: object };
        const prepared = preset.prepare(fixture.event, fixture.settings as never);
        if (prepared.outcome.outcome !== "send" || prepared.send === undefined) continue;
        const block = blocks[preset.meta.sends.indexOf(prepared.send)];
        if (block?.check === undefined || block.ajv === undefined) continue;
        expectSame(block, prepared.outcome.request.body);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("on fuzzed bodies of every shape a block can build", () => {
    for (const block of covered) {
      fc.assert(
        fc.property(bodies(block.guarantee!), (body) => expectSame(block, body)),
        { numRuns: 300, seed: 16 },
      );
    }
  });

  it("on every keyword the generator writes, with fuzzed bodies and bodies that break each rule", async () => {
    const block = await keywordBlock();
    expect(block.check, "the keyword preset gets a generated check").toBeDefined();
    const numbers = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: -1, max: 101, noNaN: true }));
    const near = (guarantee: Guarantee): fc.Arbitrary<unknown> =>
      guarantee.kind === "scalar" && guarantee.type === "number" ? numbers : bodies(guarantee);
    const shaped = block.guarantee!.kind === "object" ? block.guarantee! : undefined;
    const fields = Object.fromEntries([...shaped!.entries].map(([key, entry]) => [key, near(entry.value)]));
    const close = fc.oneof(
      fc.constantFrom("ab", "ABC", "lead", "a", "b", "lead@example.com", "2026-03-01T12:00:00Z", "abcdef", "x"),
      text,
    );
    // Values that pass one, both or no member of the oneOf/anyOf/not fields.
    const member = fc.oneof(close, fc.constantFrom("", "12345", "admin", "root", "ab", "abc"));
    const groups = fc.array(member, { minLength: 1, maxLength: 3 });
    const combined = { ids: member, groups, alias: member, handle: member, region: member };
    fc.assert(
      fc.property(bodies(block.guarantee!), (body) => expectSame(block, body)),
      { numRuns: 500, seed: 16 },
    );
    fc.assert(
      fc.property(
        fc.record(
          { ...fields, name: close, code: close, kind: close, email: close, visited_at: close, ...combined },
          { requiredKeys: [] },
        ),
        fc.array(close, { minLength: 1, maxLength: 5 }),
        fc.record({ primary: close, extra: close }, { requiredKeys: [] }),
        (body, tags, labels) => {
          expectSame(block, body);
          expectSame(block, { ...body, tags, labels });
        },
      ),
      { numRuns: 1000, seed: 16 },
    );
    expect(block.check!({ name: "ok", tags: ["abcdef"] })).toBe("/tags/0");
    expect(block.check!({ name: "ok", labels: { primary: "a", extra: "long" } })).toBe("/labels/extra");
    expect(block.check!({ name: "ok", code: "ab" })).toBe("/code");
    expect(block.check!({ name: "ok", count: 2.5 })).toBe("/count");
    expect(block.check!({ name: "ok", ids: "12" })).toBe("/ids");
    expect(block.check!({ name: "ok", ids: "" })).toBe("/ids");
    expect(block.check!({ name: "ok", ids: "ab" })).toBeUndefined();
    expect(block.check!({ name: "ok", groups: ["abc"] })).toBe("/groups/0");
    expect(block.check!({ name: "ok", alias: "abcd" })).toBe("/alias");
    expect(block.check!({ name: "ok", alias: "1234" })).toBeUndefined();
    expect(block.check!({ name: "ok", handle: "root" })).toBe("/handle");
    expect(block.check!({ name: "ok", region: "abc" })).toBe("/region");
  });

  it("refuse a body that breaks a rule left to run time, naming the field as ajv does", () => {
    // Meta's fbp cookie comes from the event and must start "fb.": only run time can tell.
    const meta = covered.find((block) => block.label.startsWith("meta/"))!;
    const lead = { event_name: "Lead", event_time: 1, action_source: "website", user_data: { fbp: "_fbp=1" } };
    const body = { data: [lead] };
    expect(meta.check!(body)).toBe("/data/0/user_data/fbp");
    expectSame(meta, body);
  });
});
