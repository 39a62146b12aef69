// Operand types of the operators and conditions: `and`/`or`/`not`/`when` take booleans, `+` takes text, `in` a list.

import type { Assignment, BinaryExpr, DropStatement, Expr, NotExpr } from "../../dsl/ast.js";
import { describeType, isTextLike, typeOf, type MapType } from "./types.js";
import { envOf, type CheckContext } from "./context.js";
import type { CheckTable } from "./table.js";

export const OPERATOR_CHECKS: CheckTable = {
  Binary: [checkBinaryOperands],
  Not: [checkNotOperand],
  Assign: [checkWhenCondition],
  Drop: [checkDropCondition],
};

function checkDropCondition(drop: DropStatement, context: CheckContext): void {
  requireBoolean(drop.when, `a "drop … when" condition must be a boolean`, context);
}

function checkBinaryOperands(binary: BinaryExpr, context: CheckContext): void {
  if (binary.operator === "and" || binary.operator === "or") {
    requireBoolean(binary.left, `"${binary.operator}" needs a boolean on each side`, context);
    requireBoolean(binary.right, `"${binary.operator}" needs a boolean on each side`, context);
  } else if (binary.operator === "+") {
    requireText(binary.left, context);
    requireText(binary.right, context);
  } else if (binary.operator === "in") {
    requireList(binary.right, context);
  }
}

function requireList(operand: Expr | undefined, context: CheckContext): void {
  if (!operand) return;
  const type = operandType(operand, context);
  if (type === "list" || type === "any") return;
  context.reporter.report("E425", operand.span, `"in" tests membership of a list; this is ${describeType(type)}`, {
    hints: ['write the candidates as a list: x in ["a", "b"]'],
  });
}

function checkNotOperand(not: NotExpr, context: CheckContext): void {
  requireBoolean(not.operand, `"not" needs a boolean`, context);
}

function checkWhenCondition(assignment: Assignment, context: CheckContext): void {
  if (assignment.when !== undefined) requireBoolean(assignment.when, `a "when" condition must be a boolean`, context);
}

function requireBoolean(operand: Expr | undefined, what: string, context: CheckContext): void {
  if (!operand) return;
  const type = operandType(operand, context);
  if (type === "boolean" || type === "any") return;
  context.reporter.report("E303", operand.span, `${what}; this is ${describeType(type)}`, {
    hints: ['compare the value (x == "yes") or test it with is_present(x)'],
  });
}

function requireText(operand: Expr | undefined, context: CheckContext): void {
  if (!operand) return;
  const type = operandType(operand, context);
  if (isTextLike(type)) return;
  context.reporter.report("E304", operand.span, `"+" joins text; ${describeType(type)} cannot be joined`, {
    hints: [type === "list" ? `join(list, ", ") turns a list into text` : "use a string, number or boolean here"],
  });
}

function operandType(operand: Expr, context: CheckContext): MapType {
  return typeOf(operand, envOf(context));
}
