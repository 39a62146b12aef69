// Source spans of tokens and nodes, tolerant of the virtual tokens Chevrotain inserts while recovering.

import type { IToken } from "chevrotain";
import type { Span } from "./ast.js";

/** A token that really is in the source: not end-of-input, not one invented by error recovery. */
export function isRealToken(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

/** The lexer tracks start offsets only (see lexer.ts); a token's text is exactly its image, so the end follows. */
export function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: token.startOffset + token.image.length };
}

/** The smallest span covering every given part; parts that are missing after an error are skipped. */
export function cover(...parts: readonly (Span | undefined)[]): Span {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const part of parts) {
    if (part === undefined) continue;
    start = Math.min(start, part.start);
    end = Math.max(end, part.end);
  }
  return Number.isFinite(start) ? { start, end } : { start: 0, end: 0 };
}

export function atEndOf(token: IToken): Span {
  const end = tokenSpan(token).end;
  return { start: end, end };
}
