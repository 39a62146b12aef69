// CST-to-AST for language v2's preset structure: `on` items, `order by`, `rate limit`, and the `query` and `batch`
// clauses of a send block. Contextual words (`by`, `limit`, `per`, `max`, units) are plain names checked here.

import type { CstNode, IToken } from "chevrotain";
import type * as Ast from "./ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { suggest } from "../diagnostics/suggest.js";
import { allTokens, nameFrom, nodeOf, stringFrom, tokenOf, tokensOf, type DiagnosticSink } from "./cst-access.js";
import { toExpression } from "./cst-expressions.js";
import { cover, tokenSpan } from "./spans.js";
import { parseUrlTemplate } from "./url-template.js";

const WINDOW_UNITS: Readonly<Record<string, number>> = {
  second: 1_000,
  seconds: 1_000,
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

const SIZE_UNITS: Readonly<Record<string, number>> = { bytes: 1, KB: 1_000, MB: 1_000_000, KiB: 1_024, MiB: 1_048_576 };

function spanOf(node: CstNode): Ast.Span {
  const tokens = allTokens(node);
  return cover(tokens[0] && tokenSpan(tokens[0]), tokens.at(-1) && tokenSpan(tokens.at(-1) as IToken));
}

/** `on` items: quoted event names, bare call-type words and `*`, each kept in its own list. */
export function onStatement(node: CstNode): Ast.OnStatement {
  const items = node.children.onItem ?? [];
  const events: Ast.StringLiteral[] = [];
  const calls: Ast.Name[] = [];
  let allSpan: Ast.Span | undefined;
  for (const item of items as CstNode[]) {
    const text = tokenOf(item, "StringLiteral");
    const word = tokenOf(item, "Name");
    const star = tokenOf(item, "Star");
    if (text !== undefined) events.push(stringFrom(text) as Ast.StringLiteral);
    else if (word !== undefined) calls.push(nameFrom(word) as Ast.Name);
    else if (star !== undefined) allSpan ??= tokenSpan(star);
  }
  return { kind: "On", events, calls, ...(allSpan ? { allSpan } : {}), span: spanOf(node) };
}

/** A contextual word (`by`, `limit`, `per`, `max`) must be exactly that word. */
function expectWord(token: IToken | undefined, word: string, sink: DiagnosticSink): boolean {
  if (token === undefined) return false;
  if (token.image === word) return true;
  sink.push(errorAt("E103", `expected "${word}", found "${token.image}"`, tokenSpan(token)));
  return false;
}

function positiveInteger(token: IToken | undefined, what: string, sink: DiagnosticSink): number | undefined {
  if (token === undefined) return undefined;
  const value = Number(token.image);
  if (Number.isSafeInteger(value) && value > 0) return value;
  sink.push(errorAt("E440", `${what} must be a whole number above zero; found ${token.image}`, tokenSpan(token)));
  return undefined;
}

function unitOf(token: IToken | undefined, units: Readonly<Record<string, number>>, sink: DiagnosticSink) {
  if (token === undefined) return undefined;
  if (Object.prototype.hasOwnProperty.call(units, token.image)) return units[token.image];
  const guess = suggest(token.image, Object.keys(units));
  const hint = guess === undefined ? `use ${Object.keys(units).join(", ")}` : `did you mean "${guess}"?`;
  sink.push(errorAt("E103", `unknown unit "${token.image}"`, tokenSpan(token), { hints: [hint] }));
  return undefined;
}

export function orderStatement(node: CstNode, sink: DiagnosticSink): Ast.OrderStatement | undefined {
  const by = tokenOf(node, "by");
  const value = toExpression(nodeOf(node, "expression"), sink);
  if (by === undefined && value !== undefined) {
    sink.push(errorAt("E103", '"order" needs "by" before its expression', value.span, { hints: ["order by EXPR"] }));
    return undefined;
  }
  const wordOk = expectWord(by, "by", sink);
  if (!wordOk || value === undefined) return undefined;
  return { kind: "Order", value, span: spanOf(node) };
}

export function rateLimit(node: CstNode, sink: DiagnosticSink): Ast.RateLimitDecl | undefined {
  const words = expectWord(tokenOf(node, "limit"), "limit", sink) && expectWord(tokenOf(node, "per"), "per", sink);
  const limit = positiveInteger(tokenOf(node, "count"), "a rate limit", sink);
  const windowToken = tokenOf(node, "windowCount");
  const count = windowToken === undefined ? 1 : positiveInteger(windowToken, "a rate window", sink);
  const unit = unitOf(tokenOf(node, "unit"), WINDOW_UNITS, sink);
  if (!words || limit === undefined || count === undefined || unit === undefined) return undefined;
  return { kind: "RateLimit", limit, windowMs: count * unit, span: spanOf(node) };
}

export function queryClause(node: CstNode, sink: DiagnosticSink): Ast.QueryClause | undefined {
  const name = stringFrom(tokenOf(node, "StringLiteral"));
  const value = toExpression(nodeOf(node, "expression"), sink);
  if (name === undefined || value === undefined) return undefined;
  return { kind: "Query", name, value, span: spanOf(node) };
}

export function batchClause(node: CstNode, sink: DiagnosticSink): Ast.BatchClause | undefined {
  const targetTokens = tokensOf(node, "target");
  if (targetTokens.length === 0 || !expectWord(tokenOf(node, "max"), "max", sink)) return undefined;
  const maxItems = positiveInteger(tokenOf(node, "items"), "a batch's item count", sink);
  const sizeToken = tokenOf(node, "size");
  const size = sizeToken === undefined ? undefined : positiveInteger(sizeToken, "a batch's size", sink);
  const unit = sizeToken === undefined ? 1 : unitOf(tokenOf(node, "unit"), SIZE_UNITS, sink);
  if (maxItems === undefined || unit === undefined || (sizeToken !== undefined && size === undefined)) return undefined;
  const isBody = targetTokens[0].image === "body" && targetTokens.length === 1;
  const target = isBody ? [] : targetTokens.map((t) => nameFrom(t) as Ast.Name);
  return {
    kind: "Batch",
    target,
    targetSpan: cover(tokenSpan(targetTokens[0]), tokenSpan(targetTokens.at(-1) as IToken)),
    maxItems,
    ...(size !== undefined ? { maxBytes: size * unit } : {}),
    span: spanOf(node),
  };
}

/** The slots of a literal URL template as paths (spans inside the string when it has no escapes); E407 for a bad one. */
export function urlSlots(url: Ast.Expr, sink: DiagnosticSink): Ast.UrlSlot[] {
  if (url.kind !== "String") return [];
  const parsed = parseUrlTemplate(url.value);
  const plain = url.span.end - url.span.start === JSON.stringify(url.value).length;
  const at = (start: number, end: number): Ast.Span =>
    plain ? { start: url.span.start + 1 + start, end: url.span.start + 1 + end } : url.span;
  for (const problem of parsed.problems) {
    sink.push(errorAt("E407", problem.message, at(problem.start, problem.end)));
  }
  if (parsed.problems.length > 0) return [];
  return parsed.parts.flatMap((part) => {
    if (part.kind !== "slot") return [];
    const open = url.value.indexOf(part.path, part.start);
    const names = part.path.split(".");
    let offset = open;
    const spans = names.map((name) => {
      const span = at(offset, offset + name.length);
      offset += name.length + 1;
      return span;
    });
    const root: Ast.Name = { kind: "Name", text: names[0], span: spans[0] };
    const segments: Ast.PathSegment[] = names
      .slice(1)
      .map((name, i) => ({ kind: "Field", name, span: spans[i + 1], quoted: false }));
    const path: Ast.PathExpr = { kind: "Path", root, segments, span: at(open, open + part.path.length) };
    return [{ kind: "UrlSlot", path, span: at(part.start, part.end) }];
  });
}
