// Lays out one line of tokens: canonical spacing between tokens, with padding up to alignment columns.

import type { IToken } from "chevrotain";
import * as T from "../dsl/tokens.js";

const SPACED: readonly unknown[] = [T.Arrow, T.FatArrow, T.Equals, T.Fallback, T.EqualEqual, T.NotEqual];

/** Spaces between two adjacent tokens of a line: normalised around separators and arrows, else as written (0/1). */
export function gapBetween(previous: IToken, next: IToken): number {
  if (next.tokenType === T.Comma || next.tokenType === T.Colon) return 0;
  if (previous.tokenType === T.Comma || previous.tokenType === T.Colon) return 1;
  if (SPACED.includes(previous.tokenType) || SPACED.includes(next.tokenType)) return 1;
  return next.startOffset > previous.startOffset + previous.image.length ? 1 : 0;
}

/** Columns (relative to the indentation) of each token; `pads` maps a token index to the column it starts at least. */
export function tokenColumns(tokens: readonly IToken[], pads: ReadonlyMap<number, number> = new Map()): number[] {
  const columns: number[] = [];
  let column = 0;
  tokens.forEach((token, i) => {
    if (i > 0) column += gapBetween(tokens[i - 1], token);
    const pad = pads.get(i);
    if (pad !== undefined && pad > column) column = pad;
    columns.push(column);
    column += token.image.length;
  });
  return columns;
}

/** The text of the tokens laid out at `columns` (from tokenColumns). */
export function layoutText(tokens: readonly IToken[], columns: readonly number[]): string {
  let text = "";
  tokens.forEach((token, i) => {
    text += " ".repeat(columns[i] - text.length) + token.image;
  });
  return text;
}

/** End column of token `i` (relative to the indentation). */
export function endOf(tokens: readonly IToken[], columns: readonly number[], i: number): number {
  return columns[i] + tokens[i].image.length;
}

/** Index of the first token of `type` outside brackets of the line, or -1. */
export function topLevelIndex(tokens: readonly IToken[], type: unknown, from = 0): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i].tokenType;
    if (kind === T.LParen || kind === T.LBracket || kind === T.LBrace) depth++;
    else if (kind === T.RParen || kind === T.RBracket || kind === T.RBrace) depth--;
    else if (depth === 0 && i >= from && kind === type) return i;
  }
  return -1;
}

/** How many tokens of `type` the line has outside its brackets. */
export function topLevelCount(tokens: readonly IToken[], type: unknown): number {
  let count = 0;
  for (let i = topLevelIndex(tokens, type); i !== -1; i = topLevelIndex(tokens, type, i + 1)) count++;
  return count;
}
