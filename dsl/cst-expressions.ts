// CST-to-AST for expressions: folds operator chains into binary trees with exact spans.
//
// A function returns undefined when recovery left its node incomplete; the parent then gives up too, so the AST only
// ever holds whole nodes (the syntax error has already been reported).

import type { CstNode, IToken } from "chevrotain";
import type { BinaryOperator, Expr, FallbackExpr, PathSegment, StringLiteral } from "./ast.js";
import { errorAt } from "./diagnostic-builders.js";
import {
  allPresent,
  nameFrom,
  nodeOf,
  nodesOf,
  stringFrom,
  tokenOf,
  tokensOf,
  type DiagnosticSink,
} from "./cst-access.js";
import { comprehension, ifExpression, matchExpression, objectLiteral } from "./cst-compound.js";
import { cover, tokenSpan } from "./spans.js";

export function toExpression(node: CstNode | undefined, sink: DiagnosticSink): Expr | undefined {
  const conditional = nodeOf(node, "ifExpr");
  if (conditional !== undefined) return ifExpression(conditional, sink, toExpression);
  const operands = nodesOf(node, "operand").map((n) => binaryChain(n, sink));
  const warnToken = tokenOf(node, "KwWarn");
  const warning = stringFrom(tokenOf(node, "warning"));
  if (operands.length === 0 || !allPresent(operands)) return undefined;
  if (operands.length === 1) {
    if (warnToken !== undefined) {
      sink.push(
        errorAt("E103", '"warn" needs a "??" fallback before it', tokenSpan(warnToken), {
          hints: ['write value ?? omit warn "message" to leave the value out with a warning'],
        }),
      );
    }
    return operands[0];
  }
  return foldFallbacks(operands, warning);
}

/** `a ?? b ?? c warn "w"` is `a ?? (b ?? c warn "w")`: right-associative, and `warn` belongs to the last `??`. */
function foldFallbacks(operands: readonly Expr[], warning: StringLiteral | undefined): FallbackExpr {
  const last = operands.length - 1;
  let result: FallbackExpr = {
    kind: "Fallback",
    left: operands[last - 1],
    right: operands[last],
    ...(warning === undefined ? {} : { warn: warning }),
    span: cover(operands[last - 1].span, operands[last].span, warning?.span),
  };
  for (let i = last - 2; i >= 0; i -= 1) {
    result = { kind: "Fallback", left: operands[i], right: result, span: cover(operands[i].span, result.span) };
  }
  return result;
}

/**
 * `or`, `and`, comparison, `+`/`-` and `*`/`/` levels share one shape: operands separated by operators, folded to the
 * left.
 */
function binaryChain(node: CstNode | undefined, sink: DiagnosticSink): Expr | undefined {
  if (node === undefined) return undefined;
  if (node.name === "notExpr") return notExpression(node, sink);
  if (node.name === "primary") return primary(node, sink);
  const operands = nodesOf(node, "operand").map((n) => binaryChain(n, sink));
  const operators = tokensOf(node, "operator");
  if (operands.length === 0 || operands.length !== operators.length + 1 || !allPresent(operands)) return undefined;
  let result = operands[0];
  operators.forEach((operator, i) => {
    const right = operands[i + 1];
    result = {
      kind: "Binary",
      operator: operator.image as BinaryOperator,
      operatorSpan: tokenSpan(operator),
      left: result,
      right,
      span: cover(result.span, right.span),
    };
  });
  return result;
}

function notExpression(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const notToken = tokenOf(node, "KwNot");
  if (notToken === undefined) return binaryChain(nodeOf(node, "compareExpr"), sink);
  const inner = nodeOf(node, "notExpr");
  const operand = inner === undefined ? undefined : notExpression(inner, sink);
  if (operand === undefined) return undefined;
  return { kind: "Not", operand, span: cover(tokenSpan(notToken), operand.span) };
}

function primary(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const literal = literalOf(node, sink);
  if (literal !== undefined) return literal;
  const list = nodeOf(node, "listLiteral");
  if (list !== undefined) return listLiteral(list, sink);
  const object = nodeOf(node, "objectLiteral");
  if (object !== undefined) return objectLiteral(object, sink, toExpression);
  const match = nodeOf(node, "matchExpr");
  if (match !== undefined) return matchExpression(match, sink, toExpression);
  const parenthesized = nodeOf(node, "parenthesized");
  if (parenthesized !== undefined) return parenthesizedExpression(parenthesized, sink);
  const call = nodeOf(node, "callExpr");
  if (call !== undefined) return callExpression(call, sink);
  return pathExpression(nodeOf(node, "pathExpr"), sink);
}

function literalOf(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const string = stringFrom(tokenOf(node, "StringLiteral"));
  if (string !== undefined) return string;
  const number = tokenOf(node, "NumberLiteral");
  if (number !== undefined) return numberLiteral(number, sink);
  for (const [key, value] of [
    ["KwTrue", true],
    ["KwFalse", false],
  ] as const) {
    const token = tokenOf(node, key);
    if (token !== undefined) return { kind: "Boolean", value, span: tokenSpan(token) };
  }
  const nullToken = tokenOf(node, "KwNull");
  if (nullToken !== undefined) return { kind: "Null", span: tokenSpan(nullToken) };
  const omitToken = tokenOf(node, "KwOmit");
  if (omitToken !== undefined) return { kind: "Omit", span: tokenSpan(omitToken) };
  return undefined;
}

function numberLiteral(token: IToken, sink: DiagnosticSink): Expr {
  const value = Number(token.image);
  if (!Number.isFinite(value)) {
    sink.push(errorAt("E103", `the number ${token.image} is too large`, tokenSpan(token)));
  }
  return { kind: "Number", value: Number.isFinite(value) ? value : 0, span: tokenSpan(token) };
}

function listLiteral(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const items = nodesOf(node, "item").map((n) => toExpression(n, sink));
  const open = tokenOf(node, "LBracket");
  if (open === undefined || !allPresent(items)) return undefined;
  const loop = nodeOf(node, "comprehension");
  if (loop !== undefined)
    return items.length === 1 ? comprehension(node, items[0], loop, sink, toExpression) : undefined;
  const close = tokenOf(node, "RBracket");
  return { kind: "List", items, span: cover(tokenSpan(open), ...items.map((i) => i.span), close && tokenSpan(close)) };
}

/** Parentheses are not a node: the inner expression's span grows to include them, so outer spans stay exact. */
function parenthesizedExpression(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const inner = toExpression(nodeOf(node, "expression"), sink);
  const open = tokenOf(node, "LParen");
  if (inner === undefined || open === undefined) return undefined;
  const close = tokenOf(node, "RParen");
  return { ...inner, span: cover(tokenSpan(open), inner.span, close && tokenSpan(close)) };
}

function callExpression(node: CstNode, sink: DiagnosticSink): Expr | undefined {
  const callee = nameFrom(tokenOf(node, "Name"));
  const args = nodesOf(node, "argument").map((n) => toExpression(n, sink));
  if (callee === undefined || !allPresent(args)) return undefined;
  const close = tokenOf(node, "RParen");
  const open = tokenOf(node, "LParen");
  const span = cover(callee.span, open && tokenSpan(open), ...args.map((a) => a.span), close && tokenSpan(close));
  return { kind: "Call", callee, args, span };
}

function pathExpression(node: CstNode | undefined, sink: DiagnosticSink): Expr | undefined {
  const root = nameFrom(tokenOf(node, "root"));
  const segments = nodesOf(node, "segment").map((n) => pathSegment(n, sink));
  if (root === undefined || !allPresent(segments)) return undefined;
  return { kind: "Path", root, segments, span: cover(root.span, ...segments.map((s) => s.span)) };
}

function pathSegment(node: CstNode, sink: DiagnosticSink): PathSegment | undefined {
  const field = tokenOf(node, "field");
  if (field !== undefined) {
    const quoted = field.tokenType.name === "StringLiteral";
    const name = quoted ? (stringFrom(field)?.value ?? "") : field.image;
    return { kind: "Field", name, quoted, span: tokenSpan(field) };
  }
  const index = tokenOf(node, "index");
  const open = tokenOf(node, "LBracket");
  if (index === undefined || open === undefined) return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(index.image) || !Number.isSafeInteger(Number(index.image))) {
    sink.push(errorAt("E103", `expected a whole-number index of 0 or more, found ${index.image}`, tokenSpan(index)));
    return undefined;
  }
  const close = tokenOf(node, "RBracket");
  return { kind: "Index", index: Number(index.image), span: cover(tokenSpan(open), close && tokenSpan(close)) };
}
