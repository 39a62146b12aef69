// Cuts the token stream at statement boundaries: the re-synchronisation points of syntax error recovery.
//
// In valid .map the cuts are exact, so parsing chunk by chunk equals parsing the whole file. When a statement is
// broken, the cut still lands where the next statement begins, so its mistake stays its own and is reported once.

import type { IToken, TokenType } from "chevrotain";
import { tokenMatcher } from "./chevrotain.js";
import * as T from "./tokens.js";

/** A token after which a statement may end: the last token of a value, or `on` with its empty list. */
const VALUE_ENDS: readonly TokenType[] = [
  T.Name,
  T.StringLiteral,
  T.NumberLiteral,
  T.RParen,
  T.RBracket,
  T.RBrace,
  T.True,
  T.False,
  T.Null,
  T.Omit,
  T.On,
  T.Star,
];

/** After these a name is part of the same statement, even when `<-` follows (`header X <- ...`, `let x <- ...`). */
const NAME_TAKERS: readonly TokenType[] = [
  T.Dot,
  T.Header,
  T.Let,
  T.Send,
  T.Setting,
  T.Integration,
  T.Preset,
  T.Colon,
  T.Query,
];

export function splitIntoChunks(tokens: readonly IToken[], source: string): IToken[][] {
  const chunks: IToken[][] = [];
  let current: IToken[] = [];
  tokens.forEach((token, i) => {
    if (current.length > 0 && startsChunk(tokens, i, source, current[0])) {
      chunks.push(current);
      current = [];
    }
    current.push(token);
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * A chunk starts at a statement keyword (not after "."), at a name that begins a target path followed by "<-",
 * or at a name that opens a line right after a complete value (`email <- x` then `first_name (trim(y))`): .map
 * never puts two values side by side, so such a name cannot continue the previous statement.
 */
function startsChunk(tokens: readonly IToken[], i: number, source: string, chunkStart: IToken): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (previous.tokenType === T.Dot) return false;
  // A keyword followed by ":" is a key of an object literal (`{ on: true }`), not a statement.
  if (T.STATEMENT_KEYWORDS.includes(token.tokenType)) return tokens[i + 1]?.tokenType !== T.Colon;
  // `body <- expr` and a quoted first step (`"$insert_id" <- x`) begin assignments too.
  if (token.tokenType === T.Body || token.tokenType === T.StringLiteral) {
    return !NAME_TAKERS.includes(previous.tokenType) && isTargetBeforeArrow(tokens, i);
  }
  if (T.STRUCTURE_KEYWORDS.includes(token.tokenType)) return tokens[i + 1]?.tokenType !== T.Colon;
  if (token.tokenType !== T.Name) return false;
  if (!NAME_TAKERS.includes(previous.tokenType) && isTargetBeforeArrow(tokens, i)) return true;
  const inSetting = chunkStart.tokenType === T.Setting; // setting modifiers are names that follow names
  return !inSetting && VALUE_ENDS.includes(previous.tokenType) && opensLine(source, previous, token);
}

/** `name(.field | ."field" | [0])* <-`: quoted fields and indexes are not valid targets, but still mark a start. */
function isTargetBeforeArrow(tokens: readonly IToken[], i: number): boolean {
  let j = i + 1;
  for (;;) {
    const next = tokens[j];
    const after = tokens[j + 1];
    if (
      next?.tokenType === T.Dot &&
      after !== undefined &&
      (tokenMatcher(after, T.AnyName) || after.tokenType === T.StringLiteral)
    ) {
      j += 2;
    } else if (
      next?.tokenType === T.LBracket &&
      after?.tokenType === T.NumberLiteral &&
      tokens[j + 2]?.tokenType === T.RBracket
    ) {
      j += 3;
    } else {
      return next?.tokenType === T.Arrow;
    }
  }
}

function opensLine(source: string, previous: IToken, token: IToken): boolean {
  return /[\n\r]/.test(source.slice(previous.startOffset + previous.image.length, token.startOffset));
}
