// Typed, forgiving access to Chevrotain CST children: after error recovery any child may be missing.

import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Name, StringLiteral } from "./ast.js";
import { stringValue } from "./lexer.js";
import { isRealToken, tokenSpan } from "./spans.js";

/** Where CST-to-AST conversion reports what the grammar alone cannot (bad method names, stray `warn`, ...). */
export type DiagnosticSink = Diagnostic[];

function isToken(element: CstElement): element is IToken {
  return "tokenType" in element;
}

/** Real tokens recorded under `key`, in source order; tokens invented by recovery are left out. */
export function tokensOf(node: CstNode | undefined, key: string): IToken[] {
  const elements = node?.children[key] ?? [];
  return elements.filter((e): e is IToken => isToken(e) && isRealToken(e));
}

export function tokenOf(node: CstNode | undefined, key: string): IToken | undefined {
  return tokensOf(node, key)[0];
}

export function nodesOf(node: CstNode | undefined, key: string): CstNode[] {
  const elements = node?.children[key] ?? [];
  return elements.filter((e): e is CstNode => !isToken(e));
}

export function nodeOf(node: CstNode | undefined, key: string): CstNode | undefined {
  return nodesOf(node, key)[0];
}

/** Every real token under a node, in source order: used to tell which token of a key comes first. */
export function allTokens(node: CstNode): IToken[] {
  const found: IToken[] = [];
  for (const elements of Object.values(node.children)) {
    for (const element of elements) {
      if (isToken(element)) {
        if (isRealToken(element)) found.push(element);
      } else {
        found.push(...allTokens(element));
      }
    }
  }
  return found.sort((a, b) => a.startOffset - b.startOffset);
}

export function nameFrom(token: IToken | undefined): Name | undefined {
  return token === undefined ? undefined : { kind: "Name", text: token.image, span: tokenSpan(token) };
}

export function stringFrom(token: IToken | undefined): StringLiteral | undefined {
  return token === undefined ? undefined : { kind: "String", value: stringValue(token), span: tokenSpan(token) };
}

/** True when every listed part is present: a node is only built from complete parts. */
export function allPresent<T>(parts: readonly (T | undefined)[]): parts is T[] {
  return parts.every((p) => p !== undefined);
}
