// A text or number literal checked against the constraints of the field it is sent in: pattern and lengths (E454),
// numeric bounds (E455), a value the schema excludes with `not` (E456). Enums (E302) and formats (E453) are checked
// beside the field's type in assignment-checks.ts.
//
// The keywords are evaluated exactly as ajv (the runtime body check) evaluates them — patterns with the "u" flag,
// lengths in code points, multipleOf by division — without ajv itself, which the browser playground's checker must
// not bundle; spec/compiler/literal-constraints.test.ts proves the two agree.

import type { Expr } from "../../dsl/ast.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { CheckContext } from "./context.js";
import type { SchemaNode } from "./event-schema.js";
import { variants } from "./schema-variants.js";

type Literal = string | number;
/** True when the literal breaks the constraint; undefined when the keyword does not apply or cannot be read. */
type KeywordTest = (limit: unknown, literal: Literal) => boolean | undefined;

const num = (limit: unknown): limit is number => typeof limit === "number" && Number.isFinite(limit);
const text =
  (test: (limit: number, value: string) => boolean): KeywordTest =>
  (limit, literal) =>
    typeof literal === "string" && num(limit) ? test(limit, literal) : undefined;
const bound =
  (test: (limit: number, value: number) => boolean): KeywordTest =>
  (limit, literal) =>
    typeof literal === "number" && num(limit) ? test(limit, literal) : undefined;

/** Each keyword a single literal can break, in the order they are reported. */
export const KEYWORD_TESTS: Readonly<Record<string, KeywordTest>> = {
  pattern: (limit, literal) => (typeof literal === "string" ? breaksPattern(limit, literal) : undefined),
  minLength: text((limit, value) => codePoints(value) < limit),
  maxLength: text((limit, value) => codePoints(value) > limit),
  minimum: bound((limit, value) => value < limit),
  maximum: bound((limit, value) => value > limit),
  exclusiveMinimum: bound((limit, value) => value <= limit),
  exclusiveMaximum: bound((limit, value) => value >= limit),
  // ajv's own test, parseInt of the quotient's text included (it reads 1e+21 as 1).
  multipleOf: bound((limit, value) => limit > 0 && value / limit !== Number.parseInt(String(value / limit))),
  not: (limit, literal) => excludes(limit, literal),
};

function breaksPattern(pattern: unknown, value: string): boolean | undefined {
  if (typeof pattern !== "string") return undefined;
  try {
    return !new RegExp(pattern, "u").test(value);
  } catch {
    return undefined; // a pattern ajv could not compile either: a schema problem, not the literal's
  }
}

function codePoints(value: string): number {
  return Array.from(value).length;
}

// Only `not: { enum: [...] }` and `not: { const: x }` are read: any other `not` is left to the runtime check.
function excludes(schema: unknown, literal: Literal): boolean | undefined {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return undefined;
  const keys = Object.keys(schema).filter((key) => key !== "description" && key !== "title");
  const node = schema as { enum?: unknown; const?: unknown };
  if (keys.length === 1 && Array.isArray(node.enum)) return node.enum.includes(literal);
  if (keys.length === 1 && "const" in node) return node.const === literal;
  return undefined;
}

/** The first keyword of `node` the literal breaks, if any. */
export function brokenKeyword(node: SchemaNode, literal: Literal): string | undefined {
  const record = node as Record<string, unknown>;
  return Object.keys(KEYWORD_TESTS).find((keyword) => KEYWORD_TESTS[keyword](record[keyword], literal) === true);
}

/**
 * Reports a literal that every alternative of the field taking its type refuses: the runtime body check would then
 * reject every request this rule builds. Nothing is reported when some alternative takes it.
 */
export function checkLiteralConstraints(value: Expr, field: SchemaNode, label: string, context: CheckContext): void {
  if (value.kind !== "String" && value.kind !== "Number") return;
  const literal = value.value;
  if (typeof literal !== "string" && typeof literal !== "number") return;
  const failures: { keyword: string; limit: unknown }[] = [];
  for (const node of variants(field)) {
    if (!takesType(node.type, literal)) continue;
    const keyword = brokenKeyword(node, literal);
    if (keyword === undefined) return; // this alternative takes the literal
    failures.push({ keyword, limit: (node as Record<string, unknown>)[keyword] });
  }
  if (failures.length === 0) return;
  const { keyword, limit } = failures[0];
  const [code, rule] = describe(keyword, limit);
  const constraint = `"${keyword}": ${keyword === "not" ? "{ … }" : JSON.stringify(limit)}`;
  context.reporter.report(
    code,
    value.span,
    `${JSON.stringify(literal)} does not fit ${label}: ${rule} (${constraint})`,
    {
      hints: [hintFor(keyword)],
    },
  );
}

function takesType(type: unknown, literal: Literal): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  if (typeof literal === "string") return types.includes("string");
  return types.includes("number") || (types.includes("integer") && Number.isInteger(literal));
}

function describe(keyword: string, limit: unknown): [DiagnosticCode, string] {
  switch (keyword) {
    case "pattern":
      return ["E454", "it does not match the field's pattern"];
    case "minLength":
      return ["E454", `it must be at least ${limit} characters long`];
    case "maxLength":
      return ["E454", `it must be at most ${limit} characters long`];
    case "minimum":
      return ["E455", `it must be ${limit} or more`];
    case "maximum":
      return ["E455", `it must be ${limit} or less`];
    case "exclusiveMinimum":
      return ["E455", `it must be more than ${limit}`];
    case "exclusiveMaximum":
      return ["E455", `it must be less than ${limit}`];
    case "multipleOf":
      return ["E455", `it must be a multiple of ${limit}`];
    default:
      return ["E456", "the schema excludes this value"];
  }
}

function hintFor(keyword: string): string {
  if (keyword === "not") return 'the request schema lists the values it refuses under "not"';
  if (keyword === "pattern" || keyword.endsWith("Length")) return "write a value the constraint allows";
  return "write a number within the field's bounds";
}
