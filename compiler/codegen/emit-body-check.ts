// The generated body check: plain code for what remains of a request schema once the compiler has taken out what it
// proves. Each test mirrors ajv's for the same keyword; a keyword outside this set makes the block fall back to ajv.

import { formatTest } from "../../runtime/formats.js";
import { ANNOTATIONS, resolveRef, type Residual } from "./body-residual.js";
import { BREAKS, isPrimitive, joined, literal, typeTest } from "./check-tests.js";
import { quote } from "./text.js";

type Schema = Record<string, unknown>;

/** Names the generated code needs from the module around it. */
export interface CheckScope {
  /** A runtime helper by name (recorded so the module destructures it). */
  readonly helper: (name: string) => string;
  /** A fresh module-level name. */
  readonly allocate: (preferred: string) => string;
}

export interface EmittedCheck {
  /** Module-level constants the check uses (compiled patterns, format tests). */
  readonly constants: string[];
  /** The function, named `name`. */
  readonly lines: string[];
}

interface Emitter {
  readonly scope: CheckScope;
  readonly root: unknown;
  readonly constants: string[];
  count: number;
}

/** The check of one send block, or undefined when the residual uses a keyword this generator does not handle. */
export function emitBodyCheck(
  left: Residual,
  root: unknown,
  name: string,
  scope: CheckScope,
): EmittedCheck | undefined {
  const emitter: Emitter = { scope, root, constants: [], count: 0 };
  const body = emitNode(left, "body", quote(""), emitter, 0);
  if (body === undefined) return undefined;
  const summary =
    body.length === 0
      ? [
          " * Every rule of its schema holds for every body this block builds (proven at compile time): nothing is left.",
        ]
      : [" * Only what the compiler could not prove is checked here; the rest holds for every body this block builds."];
  return {
    constants: emitter.constants,
    lines: [
      `/**`,
      ...summary,
      ` * Gives the JSON Pointer of the first field that breaks the schema; the runtime then asks ajv for the message.`,
      ` */`,
      `function ${name}(body: unknown): string | undefined {`,
      ...body,
      "return undefined;",
      "}",
    ],
  };
}

/** Checks for `schema` on the value `v` (an expression), reporting `path` (an expression giving a pointer). */
function emitNode(schema: unknown, v: string, path: string, e: Emitter, depth: number): string[] | undefined {
  if (schema === true) return [];
  if (schema === false) return [`return ${path};`];
  if (schema === null || typeof schema !== "object" || Array.isArray(schema) || depth > 16) return undefined;
  const node = schema as Schema;
  const lines: string[] = [];
  const objectLines: string[] = [];
  const object = Object.keys(node).some((key) => OBJECT_KEYWORDS.has(key)) ? e.scope.allocate("object") : "";
  for (const [key, rule] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    const part = OBJECT_KEYWORDS.has(key)
      ? objectKeyword(key, rule, node, object, path, e, depth)
      : keyword(key, rule, v, path, e, depth);
    if (part === undefined) return undefined;
    (OBJECT_KEYWORDS.has(key) ? objectLines : lines).push(...part);
  }
  if (objectLines.length > 0) {
    // A helper rather than a cast: in-memory loading strips annotations, not `as` expressions.
    lines.push(
      `const ${object} = ${e.scope.helper("schemaObject")}(${v});`,
      `if (${object} !== undefined) {`,
      ...objectLines,
      "}",
    );
  }
  return lines;
}

const OBJECT_KEYWORDS = new Set(["required", "properties", "additionalProperties", "minProperties", "maxProperties"]);

function keyword(key: string, rule: unknown, v: string, path: string, e: Emitter, depth: number): string[] | undefined {
  switch (key) {
    case "type": {
      const types = Array.isArray(rule) ? rule : [rule];
      const tests = types.map((type) => typeTest(type, v));
      if (tests.some((test) => test === undefined)) return undefined;
      return [`if (!(${tests.join(" || ")})) return ${path};`];
    }
    case "enum":
    case "const": {
      const options = key === "enum" ? rule : [rule];
      if (!Array.isArray(options) || !options.every(isPrimitive)) return undefined;
      return [`if (!(${options.map((option) => `${v} === ${literal(option)}`).join(" || ")})) return ${path};`];
    }
    case "minLength":
    case "maxLength":
      if (typeof rule !== "number") return undefined;
      return [
        `if (typeof ${v} === "string" && ${e.scope.helper("schemaLength")}(${v}) ${key === "minLength" ? "<" : ">"} ${rule}) return ${path};`,
      ];
    case "pattern":
      return patternCheck(rule, v, path, e);
    case "format":
      return formatCheck(rule, v, path, e);
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      if (typeof rule !== "number") return undefined;
      return [`if (typeof ${v} === "number" && (${v} ${BREAKS[key]} ${rule} || isNaN(${v}))) return ${path};`];
    case "minItems":
    case "maxItems":
      if (typeof rule !== "number") return undefined;
      return [`if (Array.isArray(${v}) && ${v}.length ${key === "minItems" ? "<" : ">"} ${rule}) return ${path};`];
    case "items":
      return itemsCheck(rule, v, path, e, depth);
    case "allOf":
      return Array.isArray(rule) ? joined(rule.map((member) => emitNode(member, v, path, e, depth + 1))) : undefined;
    case "anyOf":
    case "oneOf":
      return alternativesCheck(key, rule, v, path, e, depth);
    case "not": {
      const member = memberFunction(rule, e, depth);
      return member === undefined ? undefined : [`if (${member}(${v}) === undefined) return ${path};`];
    }
    case "$ref": {
      const target = resolveRef(e.root, rule);
      return target === undefined ? undefined : emitNode(target, v, path, e, depth + 1);
    }
    default:
      return undefined;
  }
}

/**
 * `anyOf`/`oneOf`: each member is a module-level function giving the member's verdict on the value; like ajv, a
 * failure blames the value itself.
 */
function alternativesCheck(
  key: string,
  rule: unknown,
  v: string,
  path: string,
  e: Emitter,
  depth: number,
): string[] | undefined {
  if (!Array.isArray(rule) || rule.length === 0) return undefined;
  const members = rule.map((member) => memberFunction(member, e, depth));
  if (members.some((member) => member === undefined)) return undefined;
  if (key === "anyOf") return [`if (${members.map((m) => `${m}(${v}) !== undefined`).join(" && ")}) return ${path};`];
  const passed = e.scope.allocate("passed");
  return [
    `let ${passed} = 0;`,
    ...members.map((member) => `if (${member}(${v}) === undefined) ${passed}++;`),
    `if (${passed} !== 1) return ${path};`,
  ];
}

/** One member of a combinator as a module-level check of its own (the pointer it gives is relative, only its verdict counts). */
function memberFunction(schema: unknown, e: Emitter, depth: number): string | undefined {
  const value = e.scope.allocate("member");
  const body = emitNode(schema, value, quote(""), e, depth + 1);
  if (body === undefined) return undefined;
  const name = e.scope.allocate("SUBSCHEMA");
  e.constants.push(`function ${name}(${value}: unknown): string | undefined {`, ...body, "return undefined;", "}");
  return name;
}

/** A pattern is compiled once per module by a runtime helper, as ajv does (`u` flag). */
function patternCheck(rule: unknown, v: string, path: string, e: Emitter): string[] | undefined {
  if (typeof rule !== "string") return undefined;
  try {
    new RegExp(rule, "u");
  } catch {
    return undefined;
  }
  const name = e.scope.allocate("PATTERN");
  e.constants.push(`const ${name} = ${e.scope.helper("schemaPattern")}(${quote(rule)});`);
  return [`if (typeof ${v} === "string" && !${name}.test(${v})) return ${path};`];
}

/** Only the formats the runtime enforces are checked (others are annotations, as for ajv). */
function formatCheck(rule: unknown, v: string, path: string, e: Emitter): string[] | undefined {
  if (formatTest(rule) === undefined) return [];
  const name = e.scope.allocate(
    `FORMAT_${String(rule)
      .replace(/[^A-Za-z0-9]/g, "_")
      .toUpperCase()}`,
  );
  e.constants.push(`const ${name} = ${e.scope.helper("schemaFormat")}(${quote(String(rule))});`);
  return [`if (typeof ${v} === "string" && !${name}(${v})) return ${path};`];
}

function itemsCheck(rule: unknown, v: string, path: string, e: Emitter, depth: number): string[] | undefined {
  if (Array.isArray(rule)) return undefined;
  const index = e.scope.allocate("index");
  const item = e.scope.allocate("item");
  const inner = emitNode(rule, item, `${path} + "/" + ${index}`, e, depth + 1);
  if (inner === undefined) return undefined;
  if (inner.length === 0) return [];
  return [
    `if (Array.isArray(${v})) {`,
    `for (let ${index} = 0; ${index} < ${v}.length; ${index}++) {`,
    `const ${item}: unknown = ${v}[${index}];`,
    ...inner,
    "}",
    "}",
  ];
}

/** Object keywords, inside the block where `object` names the value as a record. */
function objectKeyword(
  key: string,
  rule: unknown,
  node: Schema,
  object: string,
  path: string,
  e: Emitter,
  depth: number,
): string[] | undefined {
  switch (key) {
    case "required":
      if (!Array.isArray(rule) || !rule.every((name) => typeof name === "string")) return undefined;
      return rule.map((name) => `if (${object}[${quote(name)}] === undefined) return ${childPath(path, name)};`);
    case "minProperties":
    case "maxProperties":
      if (typeof rule !== "number") return undefined;
      return [`if (Object.keys(${object}).length ${key === "minProperties" ? "<" : ">"} ${rule}) return ${path};`];
    case "properties":
      return propertiesCheck(rule, object, path, e, depth);
    case "additionalProperties":
      return additionalCheck(rule, node, object, path, e, depth);
    default:
      return undefined;
  }
}

/** `"/a" + "/b"` written as one literal when both are known. */
function childPath(path: string, name: string): string {
  const escaped = "/" + name.replaceAll("~", "~0").replaceAll("/", "~1");
  const known = path.startsWith('"') && path.endsWith('"') && !path.includes(" + ");
  return known ? quote((JSON.parse(path) as string) + escaped) : `${path} + ${quote(escaped)}`;
}

function propertiesCheck(rule: unknown, object: string, path: string, e: Emitter, depth: number): string[] | undefined {
  if (rule === null || typeof rule !== "object" || Array.isArray(rule)) return undefined;
  const lines: string[] = [];
  for (const [name, schema] of Object.entries(rule)) {
    const value = e.scope.allocate("value");
    const inner = emitNode(schema, value, childPath(path, name), e, depth + 1);
    if (inner === undefined) return undefined;
    if (inner.length === 0) continue;
    lines.push(`const ${value} = ${object}[${quote(name)}];`, `if (${value} !== undefined) {`, ...inner, "}");
  }
  return lines;
}

function additionalCheck(
  rule: unknown,
  node: Schema,
  object: string,
  path: string,
  e: Emitter,
  depth: number,
): string[] | undefined {
  if (rule === true || "patternProperties" in node) return rule === true ? [] : undefined;
  const properties = node.properties ?? {};
  if (properties === null || typeof properties !== "object") return undefined;
  const names = Object.keys(properties);
  const key = e.scope.allocate("key");
  const known = names.length === 0 ? "false" : names.map((name) => `${key} === ${quote(name)}`).join(" || ");
  const at = `${path} + "/" + ${e.scope.helper("pointerKey")}(${key})`;
  const extra = e.scope.allocate("extra");
  const inner = emitNode(rule, extra, at, e, depth + 1);
  if (inner === undefined || inner.length === 0) return inner;
  return [
    `for (const ${key} in ${object}) {`,
    `if (${known}) continue;`,
    `const ${extra} = ${object}[${key}];`,
    ...inner,
    "}",
  ];
}
