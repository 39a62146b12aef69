// Checks of the expressions of language v2: object keys, loop names, match arms, arithmetic and their conditions.

import type {
  BinaryExpr,
  ComprehensionExpr,
  Expr,
  IfExpr,
  MatchExpr,
  ObjectLiteral,
  OnStatement,
} from "../../dsl/ast.js";
import { describeType, listOf, ROOTS, typeOf, type MapType } from "./types.js";
import { envOf, type CheckContext } from "./context.js";
import { didYouMean, quoted } from "./report.js";
import type { CheckTable } from "./table.js";

export const EXPR_CHECKS: CheckTable = {
  Object: [checkDuplicateKeys],
  Comprehension: [checkLoopName, checkLoopCondition],
  If: [checkIfCondition],
  Match: [checkDuplicateArms, checkArmEvents],
  Binary: [checkArithmetic],
};

function checkDuplicateKeys(object: ObjectLiteral, context: CheckContext): void {
  const seen = new Map<string, ObjectLiteral["entries"][number]>();
  for (const entry of listOf(object.entries)) {
    const first = seen.get(entry.key);
    if (first === undefined) {
      seen.set(entry.key, entry);
      continue;
    }
    context.reporter.report("E414", entry.keySpan, `the key ${quoted(entry.key)} is written twice`, {
      labels: [{ span: first.keySpan, message: "first written here" }],
      hints: ["remove one of them, or use `if … then … else …` to choose the value"],
    });
  }
}

function checkLoopName(loop: ComprehensionExpr, context: CheckContext): void {
  const name = loop.name?.text;
  if (typeof name !== "string") return;
  const what = ROOTS.includes(name)
    ? "a root"
    : context.preset?.letsByName.has(name)
      ? "a let"
      : context.site.loops?.has(name)
        ? "the loop around it"
        : undefined;
  if (what === undefined) return;
  context.reporter.report("E415", loop.name.span, `the loop name ${quoted(name)} is already the name of ${what}`, {
    hints: [`choose another name, e.g. ${name === "item" ? "entry" : "item"}: it would hide ${name} inside the loop`],
  });
}

function checkLoopCondition(loop: ComprehensionExpr, context: CheckContext): void {
  requireBoolean(loop.condition, 'the "if" of a list comprehension must be a boolean', context);
}

function checkIfCondition(conditional: IfExpr, context: CheckContext): void {
  requireBoolean(conditional.condition, 'the condition of "if" must be a boolean', context);
}

function requireBoolean(condition: Expr | undefined, what: string, context: CheckContext): void {
  if (condition === undefined) return;
  const type = typeOf(condition, envOf(context));
  if (type === "boolean" || type === "any") return;
  context.reporter.report("E303", condition.span, `${what}; this is ${describeType(type)}`, {
    hints: ['compare the value (x == "yes") or test it with is_present(x)'],
  });
}

function checkDuplicateArms(match: MatchExpr, context: CheckContext): void {
  const seen: MatchExpr["arms"][number][] = [];
  for (const arm of listOf(match.arms)) {
    const first = seen.find((other) => other.pattern.value === arm.pattern.value);
    seen.push(arm);
    if (first === undefined) continue;
    context.reporter.report("E416", arm.pattern.span, `the arm ${JSON.stringify(arm.pattern.value)} is written twice`, {
      labels: [{ span: first.pattern.span, message: "this arm is always chosen first" }],
      hints: ["remove the second arm: it can never be chosen"],
    });
  }
}

/** `match event { "Sign Up" => … }` when the preset only receives "Signed Up": the arm can never be chosen. */
function checkArmEvents(match: MatchExpr, context: CheckContext): void {
  const subject = match.subject;
  const on = context.preset?.on;
  if (subject?.kind !== "Path" || subject.root?.text !== "event" || listOf(subject.segments).length > 0) return;
  if (on === undefined || !listsNamesOnly(on)) return;
  const names = listOf(on.events).map((event) => event.value);
  for (const arm of listOf(match.arms)) {
    const pattern = arm.pattern;
    if (pattern.kind === "String" && names.includes(pattern.value)) continue;
    context.reporter.report(
      "W103",
      pattern.span,
      `this preset never receives the event ${JSON.stringify(pattern.value)}`,
      {
        hints: [
          pattern.kind === "String"
            ? (didYouMean(pattern.value, names) ?? `it receives: ${names.map((n) => JSON.stringify(n)).join(", ")}`)
            : "event is the event name, a string",
        ],
      },
    );
  }
}

// `on` may also name call types or every event (`on *`, `on identify`): then any name may arrive, so no warning.
function listsNamesOnly(on: OnStatement): boolean {
  return Object.entries(on).every(
    ([key, value]) =>
      ["kind", "events", "span"].includes(key) || value === false || (Array.isArray(value) && value.length === 0),
  );
}

const NUMBER_ONLY = new Set(["-", "*", "/"]);

/** `- * /` take numbers (text known here is E304); `+` between a number and unknown event data is E305. */
function checkArithmetic(binary: BinaryExpr, context: CheckContext): void {
  const env = envOf(context);
  const left = typeOf(binary.left, env);
  const right = typeOf(binary.right, env);
  if (NUMBER_ONLY.has(binary.operator)) {
    for (const [operand, type] of [
      [binary.left, left],
      [binary.right, right],
    ] as const) {
      if (!isNumberLike(type)) reportNotNumber(binary.operator, operand, type, context);
    }
    return;
  }
  if (binary.operator !== "+") return;
  const unknownSide =
    left === "number" && right === "any"
      ? binary.right
      : right === "number" && left === "any"
        ? binary.left
        : undefined;
  if (unknownSide === undefined) return;
  context.reporter.report(
    "E305",
    unknownSide.span,
    '"+" between a number and a value whose type is known only at run time',
    {
      hints: ["say what it is: to_number(…) ?? omit to add numbers, or to_string(…) to join text"],
    },
  );
}

function isNumberLike(type: MapType): boolean {
  return type === "number" || type === "any" || type === "omit";
}

function reportNotNumber(operator: string, operand: Expr, type: MapType, context: CheckContext): void {
  context.reporter.report("E304", operand.span, `"${operator}" takes numbers; this is ${describeType(type)}`, {
    hints: [type === "string" ? "to_number(x) ?? omit turns text into a number" : "use a number here"],
  });
}
