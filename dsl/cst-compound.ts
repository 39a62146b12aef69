// CST-to-AST for the compound expressions of language v2: objects, comprehensions, `if` and `match`.
//
// Each builder takes the expression builder as an argument rather than importing it, so the two files do not import
// each other. Like the rest of CST-to-AST, a builder returns undefined when recovery left its node incomplete.

import type { CstNode, IToken } from "chevrotain";
import type * as Ast from "./ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { allPresent, nameFrom, nodeOf, nodesOf, stringFrom, tokenOf, type DiagnosticSink } from "./cst-access.js";
import { cover, tokenSpan } from "./spans.js";

/** Builds the expression under an `expression` CST node. */
export type ExprBuilder = (node: CstNode | undefined, sink: DiagnosticSink) => Ast.Expr | undefined;

export function objectLiteral(node: CstNode, sink: DiagnosticSink, build: ExprBuilder): Ast.Expr | undefined {
  const entries = nodesOf(node, "entry").map((entry) => objectEntry(entry, sink, build));
  const open = tokenOf(node, "LBrace");
  if (open === undefined || !allPresent(entries)) return undefined;
  const close = tokenOf(node, "RBrace");
  return {
    kind: "Object",
    entries,
    span: cover(tokenSpan(open), ...entries.map((e) => e.span), close && tokenSpan(close)),
  };
}

function objectEntry(node: CstNode, sink: DiagnosticSink, build: ExprBuilder): Ast.ObjectEntry | undefined {
  const keyToken = tokenOf(node, "key");
  const value = build(nodeOf(node, "value"), sink);
  if (keyToken === undefined || value === undefined || tokenOf(node, "Colon") === undefined) return undefined;
  const key = keyToken.tokenType.name === "StringLiteral" ? (stringFrom(keyToken)?.value ?? "") : keyToken.image;
  const keySpan = tokenSpan(keyToken);
  return { kind: "Entry", key, keySpan, value, span: cover(keySpan, value.span) };
}

/** `[ item for name in source if condition ]`, given the list's single item and its `comprehension` node. */
export function comprehension(
  list: CstNode,
  item: Ast.Expr,
  node: CstNode,
  sink: DiagnosticSink,
  build: ExprBuilder,
): Ast.Expr | undefined {
  const name = nameFrom(tokenOf(node, "name"));
  const source = build(nodeOf(node, "source"), sink);
  const conditionNode = nodeOf(node, "condition");
  const condition = conditionNode === undefined ? undefined : build(conditionNode, sink);
  const open = tokenOf(list, "LBracket");
  if (name === undefined || source === undefined || open === undefined || tokenOf(node, "KwIn") === undefined) {
    return undefined;
  }
  if (conditionNode !== undefined && condition === undefined) return undefined;
  const close = tokenOf(list, "RBracket");
  return {
    kind: "Comprehension",
    item,
    name,
    source,
    ...(condition === undefined ? {} : { condition }),
    span: cover(tokenSpan(open), item.span, source.span, condition?.span, close && tokenSpan(close)),
  };
}

export function ifExpression(node: CstNode, sink: DiagnosticSink, build: ExprBuilder): Ast.Expr | undefined {
  const ifToken = tokenOf(node, "KwIf");
  const condition = build(nodeOf(node, "condition"), sink);
  const then = build(nodeOf(node, "then"), sink);
  const otherwiseNode = nodeOf(node, "otherwise");
  const otherwise = otherwiseNode === undefined ? undefined : build(otherwiseNode, sink);
  if (ifToken === undefined || condition === undefined || then === undefined) return undefined;
  if (tokenOf(node, "KwThen") === undefined || (otherwiseNode !== undefined && otherwise === undefined)) {
    return undefined;
  }
  return {
    kind: "If",
    condition,
    then,
    ...(otherwise === undefined ? {} : { otherwise }),
    span: cover(tokenSpan(ifToken), then.span, otherwise?.span),
  };
}

interface ParsedArm {
  readonly pattern: IToken;
  readonly value: Ast.Expr;
  readonly span: Ast.Span;
}

export function matchExpression(node: CstNode, sink: DiagnosticSink, build: ExprBuilder): Ast.Expr | undefined {
  const matchToken = tokenOf(node, "KwMatch");
  const subject = build(nodeOf(node, "subject"), sink);
  const parsed = nodesOf(node, "arm").map((arm) => matchArm(arm, sink, build));
  if (matchToken === undefined || subject === undefined || !allPresent(parsed)) return undefined;
  const arms: Ast.MatchArm[] = [];
  let otherwise: Ast.Expr | undefined;
  parsed.forEach((arm, index) => {
    if (arm.pattern.tokenType.name !== "KwElse") {
      arms.push({ kind: "Arm", pattern: armPattern(arm.pattern, sink), value: arm.value, span: arm.span });
    } else if (index !== parsed.length - 1) {
      sink.push(
        errorAt("E103", '"else" must be the last arm of a match', tokenSpan(arm.pattern), {
          hints: ["move the else arm to the end: arms after it could never be chosen"],
        }),
      );
    } else {
      otherwise = arm.value;
    }
  });
  const close = tokenOf(node, "RBrace");
  return {
    kind: "Match",
    subject,
    arms,
    ...(otherwise === undefined ? {} : { otherwise }),
    span: cover(tokenSpan(matchToken), subject.span, ...parsed.map((a) => a.span), close && tokenSpan(close)),
  };
}

function matchArm(node: CstNode, sink: DiagnosticSink, build: ExprBuilder): ParsedArm | undefined {
  const pattern = tokenOf(node, "pattern");
  const value = build(nodeOf(node, "value"), sink);
  if (pattern === undefined || value === undefined || tokenOf(node, "FatArrow") === undefined) return undefined;
  return { pattern, value, span: cover(tokenSpan(pattern), value.span) };
}

function armPattern(token: IToken, sink: DiagnosticSink): Ast.MatchArm["pattern"] {
  const span = tokenSpan(token);
  switch (token.tokenType.name) {
    case "NumberLiteral": {
      const value = Number(token.image);
      if (!Number.isFinite(value)) sink.push(errorAt("E103", `the number ${token.image} is too large`, span));
      return { kind: "Number", value: Number.isFinite(value) ? value : 0, span };
    }
    case "KwTrue":
      return { kind: "Boolean", value: true, span };
    case "KwFalse":
      return { kind: "Boolean", value: false, span };
    default:
      return stringFrom(token) as Ast.StringLiteral;
  }
}
