// A text or number literal checked with ajv against the constraints of the field it is sent in: pattern and lengths
// (E454), numeric bounds (E455), a value the schema excludes with `not` (E456). Enums (E302) and formats (E453) are
// checked beside the field's type in assignment-checks.ts.

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Expr } from "../../dsl/ast.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { CheckContext } from "./context.js";
import type { SchemaNode } from "./event-schema.js";
import { variants } from "./schema-variants.js";

const TEXT_KEYWORDS = ["pattern", "minLength", "maxLength"] as const;
const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] as const;
const KEYWORDS: readonly string[] = [...TEXT_KEYWORDS, ...NUMBER_KEYWORDS, "not"];

const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true });
const compiled = new Map<string, ValidateFunction | undefined>();

/**
 * Reports a literal that every alternative of the field taking its type refuses: the runtime body check would then
 * reject every request this rule builds. Nothing is reported when some alternative takes it, or when a constraint
 * cannot be compiled (that is a schema problem, not the literal's).
 */
export function checkLiteralConstraints(value: Expr, field: SchemaNode, label: string, context: CheckContext): void {
  if (value.kind !== "String" && value.kind !== "Number") return;
  const literal = value.value;
  if (typeof literal !== "string" && typeof literal !== "number") return;
  const failures: { error: ErrorObject; limit: unknown }[] = [];
  for (const node of variants(field)) {
    if (!takesType(node.type, literal)) continue;
    const constraints = constraintsOf(node);
    const error = firstError(constraints, literal);
    if (error === undefined) return; // this alternative takes the literal
    failures.push({ error, limit: constraints[error.keyword] });
  }
  if (failures.length === 0) return;
  const { error, limit } = failures[0];
  const [code, rule] = describe(error.keyword, limit);
  const constraint = `"${error.keyword}": ${error.keyword === "not" ? "{ … }" : JSON.stringify(limit)}`;
  context.reporter.report(
    code,
    value.span,
    `${JSON.stringify(literal)} does not fit ${label}: ${rule} (${constraint})`,
    {
      hints: [hintFor(error)],
    },
  );
}

function takesType(type: unknown, literal: string | number): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  if (typeof literal === "string") return types.includes("string");
  return types.includes("number") || (types.includes("integer") && Number.isInteger(literal));
}

/** Only the keywords a single literal can break; `not` only when it stands alone (no `$ref` into the rest). */
function constraintsOf(node: SchemaNode): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const keyword of KEYWORDS) {
    const constraint = (node as Record<string, unknown>)[keyword];
    if (constraint === undefined) continue;
    if (keyword === "not" && JSON.stringify(constraint)?.includes('"$ref"')) continue;
    picked[keyword] = constraint;
  }
  return picked;
}

function firstError(schema: Record<string, unknown>, literal: unknown): ErrorObject | undefined {
  if (Object.keys(schema).length === 0) return undefined;
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, compile(schema));
  const validate = compiled.get(key);
  if (validate === undefined || validate(literal)) return undefined;
  return validate.errors?.[0];
}

function compile(schema: Record<string, unknown>): ValidateFunction | undefined {
  try {
    return ajv.compile(schema);
  } catch {
    return undefined;
  }
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

function hintFor(error: ErrorObject): string {
  if (error.keyword === "not") return 'the request schema lists the values it refuses under "not"';
  if (error.keyword === "pattern" || error.keyword.endsWith("Length")) return "write a value the constraint allows";
  return "write a number within the field's bounds";
}
