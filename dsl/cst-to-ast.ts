// CST-to-AST for declarations and statements: one parsed chunk becomes one piece of the file.
//
// Checks the grammar leaves to words (HTTP methods, setting types and modifiers are plain names) are made here. After
// reporting such a mistake the node keeps a stand-in value, so later checks do not report the same line again; code
// is never generated from a file with errors, so the stand-in cannot leak into output.

import type { CstNode, IToken } from "chevrotain";
import type * as Ast from "./ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { suggest } from "../diagnostics/suggest.js";
import {
  allTokens,
  nameFrom,
  nodeOf,
  nodesOf,
  stringFrom,
  tokenOf,
  tokensOf,
  type DiagnosticSink,
} from "./cst-access.js";
import { toExpression } from "./cst-expressions.js";
import { cover, tokenSpan } from "./spans.js";
import { batchClause, onStatement, orderStatement, queryClause, rateLimit, urlSlots } from "./cst-structure.js";
import { settingDecl } from "./cst-settings.js";

/** A file header line (`integration` or `preset`), before the assembler attaches its settings or statements. */
export interface HeaderPiece<Kind extends "IntegrationHeader" | "PresetHeader" = "IntegrationHeader" | "PresetHeader">
  extends Ast.Node {
  readonly kind: Kind;
  readonly name: Ast.Name;
  readonly title?: Ast.StringLiteral;
}

export type Piece =
  HeaderPiece<"IntegrationHeader"> | HeaderPiece<"PresetHeader"> | Ast.SettingDecl | Ast.RateLimitDecl | Ast.Statement;

const HTTP_METHODS: readonly Ast.HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type PieceBuilder = (node: CstNode, sink: DiagnosticSink) => Piece | undefined;

const PIECE_BUILDERS: Readonly<Record<string, PieceBuilder>> = {
  integrationHeader: (node) => header(node, "IntegrationHeader"),
  presetHeader: (node) => header(node, "PresetHeader"),
  settingDecl: settingDecl,
  onStatement: onStatement,
  sendStatement: sendStatement,
  letStatement: letStatement,
  requireStatement: requireStatement,
  dropStatement: dropStatement,
  assignment: assignment,
  orderStatement: orderStatement,
  rateLimit: rateLimit,
};

/** Builds the piece for one `chunk` CST node; undefined when recovery left it too incomplete to use. */
export function chunkToPiece(chunk: CstNode, sink: DiagnosticSink): Piece | undefined {
  for (const [rule, build] of Object.entries(PIECE_BUILDERS)) {
    const node = nodeOf(chunk, rule);
    if (node !== undefined) return build(node, sink);
  }
  return undefined;
}

/** A declaration or statement spans its own tokens, first to last. */
function spanOf(node: CstNode): Ast.Span {
  const tokens = allTokens(node);
  return cover(tokens[0] && tokenSpan(tokens[0]), tokens.at(-1) && tokenSpan(tokens.at(-1) as IToken));
}

function header<Kind extends HeaderPiece["kind"]>(node: CstNode, kind: Kind): HeaderPiece<Kind> | undefined {
  const name = nameFrom(tokenOf(node, "Name"));
  if (name === undefined) return undefined;
  const title = stringFrom(tokenOf(node, "StringLiteral"));
  return { kind, name, ...(title === undefined ? {} : { title }), span: spanOf(node) };
}

function sendStatement(node: CstNode, sink: DiagnosticSink): Ast.SendStatement | undefined {
  const methodToken = tokenOf(node, "method");
  const url = toExpression(nodeOf(node, "url"), sink);
  if (methodToken === undefined || url === undefined) return undefined;
  const headers = nodesOf(node, "headerClause")
    .map((h) => headerClause(h, sink))
    .filter((h): h is Ast.HeaderClause => h !== undefined);
  const queries = nodesOf(node, "queryClause")
    .map((q) => queryClause(q, sink))
    .filter((q): q is Ast.QueryClause => q !== undefined);
  const bodySchema = stringFrom(tokenOf(node, "schema"));
  const conditionNode = nodeOf(node, "condition");
  const when = conditionNode === undefined ? undefined : toExpression(conditionNode, sink);
  if (conditionNode !== undefined && when === undefined) return undefined;
  const batchNode = nodeOf(node, "batchClause");
  const batch = batchNode === undefined ? undefined : batchClause(batchNode, sink);
  return {
    kind: "Send",
    method: httpMethod(methodToken, sink),
    methodSpan: tokenSpan(methodToken),
    url,
    ...(when === undefined ? {} : { when }),
    slots: urlSlots(url, sink),
    headers,
    queries,
    ...(bodySchema === undefined ? {} : { bodySchema }),
    ...(batch === undefined ? {} : { batch }),
    span: spanOf(node),
  };
}

function httpMethod(token: IToken, sink: DiagnosticSink): Ast.HttpMethod {
  const known = HTTP_METHODS.find((m) => m === token.image);
  if (known !== undefined) return known;
  const guess = suggest(token.image, HTTP_METHODS);
  sink.push(
    errorAt("E103", `expected an HTTP method, found "${token.image}"`, tokenSpan(token), {
      hints: [guess === undefined ? "use GET, POST, PUT, PATCH or DELETE" : `did you mean "${guess}"?`],
    }),
  );
  return HTTP_METHODS.find((m) => m === guess) ?? "POST";
}

function headerClause(node: CstNode, sink: DiagnosticSink): Ast.HeaderClause | undefined {
  const name = stringFrom(tokenOf(node, "StringLiteral"));
  const value = toExpression(nodeOf(node, "expression"), sink);
  if (name === undefined || value === undefined) return undefined;
  return { kind: "Header", name, value, span: spanOf(node) };
}

function letStatement(node: CstNode, sink: DiagnosticSink): Ast.LetStatement | undefined {
  const name = nameFrom(tokenOf(node, "Name"));
  const value = toExpression(nodeOf(node, "expression"), sink);
  if (name === undefined || value === undefined) return undefined;
  return { kind: "Let", name, value, span: spanOf(node) };
}

function requireStatement(node: CstNode, sink: DiagnosticSink): Ast.RequireStatement | undefined {
  const value = toExpression(nodeOf(node, "value"), sink);
  const message = stringFrom(tokenOf(node, "StringLiteral"));
  const conditionNode = nodeOf(node, "condition");
  const when = conditionNode === undefined ? undefined : toExpression(conditionNode, sink);
  if (value === undefined || message === undefined) return undefined;
  if (conditionNode !== undefined && when === undefined) return undefined;
  return { kind: "Require", value, message, ...(when === undefined ? {} : { when }), span: spanOf(node) };
}

function dropStatement(node: CstNode, sink: DiagnosticSink): Ast.DropStatement | undefined {
  const reason = stringFrom(tokenOf(node, "StringLiteral"));
  const when = toExpression(nodeOf(node, "expression"), sink);
  if (reason === undefined || when === undefined) return undefined;
  return { kind: "Drop", reason, when, span: spanOf(node) };
}

function assignment(node: CstNode, sink: DiagnosticSink): Ast.Assignment | undefined {
  const wholeBody = tokenOf(node, "wholeBody");
  if (wholeBody !== undefined) return wholeBodyAssignment(node, wholeBody, sink);
  const targetTokens = tokensOf(node, "target");
  const value = toExpression(nodeOf(node, "value"), sink);
  const conditionNode = nodeOf(node, "condition");
  const when = conditionNode === undefined ? undefined : toExpression(conditionNode, sink);
  // A target with a hole (`a. <- 1`) or a `when` without its condition is not a whole statement. Nor is one whose
  // "<-" recovery had to invent: `sned POST "u"` would otherwise become the assignment `sned <- POST`, and later
  // checks would report its made-up target and value on top of the syntax error.
  const dots = tokensOf(node, "Dot").length;
  if (targetTokens.length !== dots + 1 || value === undefined || tokenOf(node, "Arrow") === undefined) return undefined;
  if (conditionNode !== undefined && when === undefined) return undefined;
  const target = targetTokens.map(targetStep);
  return {
    kind: "Assign",
    target,
    targetSpan: cover(target[0].span, target[target.length - 1].span),
    value,
    ...(when === undefined ? {} : { when }),
    span: spanOf(node),
  };
}

/** A target step as a Name: a quoted step (`"$insert_id"`) holds its decoded text. */
function targetStep(token: IToken): Ast.Name {
  if (token.tokenType.name !== "StringLiteral") return nameFrom(token) as Ast.Name;
  return { kind: "Name", text: stringFrom(token)?.value ?? "", span: tokenSpan(token) };
}

/** `body <- expr [when cond]`: the target is empty, meaning the body itself. */
function wholeBodyAssignment(node: CstNode, body: IToken, sink: DiagnosticSink): Ast.Assignment | undefined {
  const value = toExpression(nodeOf(node, "value"), sink);
  const conditionNode = nodeOf(node, "condition");
  const when = conditionNode === undefined ? undefined : toExpression(conditionNode, sink);
  if (value === undefined || tokenOf(node, "Arrow") === undefined) return undefined;
  if (conditionNode !== undefined && when === undefined) return undefined;
  return {
    kind: "Assign",
    target: [],
    targetSpan: tokenSpan(body),
    value,
    ...(when === undefined ? {} : { when }),
    span: spanOf(node),
  };
}
