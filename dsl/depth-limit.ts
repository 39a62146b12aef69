// The parser's documented limit: brackets nest at most MAX_NESTING deep in one statement (E105), checked on tokens.

import type { IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { errorAt } from "./diagnostic-builders.js";

/**
 * Parentheses, calls, lists and objects nest at most this deep in one statement. The parser descends once per
 * level of nesting through every precedence level, so far deeper input would exhaust the stack; real presets
 * nest a handful of levels.
 */
export const MAX_NESTING = 64;

const OPENERS = new Set(["LParen", "LBracket", "LBrace"]);
const CLOSERS = new Set(["RParen", "RBracket", "RBrace"]);

/** E105 at the first bracket that opens level MAX_NESTING + 1, or undefined when the statement is within the limit. */
export function nestingTooDeep(tokens: readonly IToken[]): Diagnostic | undefined {
  let depth = 0;
  for (const token of tokens) {
    const name = token.tokenType.name;
    if (OPENERS.has(name)) depth += 1;
    else if (CLOSERS.has(name)) depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) return tooDeep(token, `brackets nest more than ${MAX_NESTING} deep here`);
  }
  return undefined;
}

/** E105 for a statement the parser could not descend into (nesting of another kind than brackets). */
export function statementTooDeep(tokens: readonly IToken[]): Diagnostic {
  return tooDeep(tokens[0], "this statement nests too deeply to be parsed");
}

function tooDeep(token: IToken | undefined, message: string): Diagnostic {
  const start = token?.startOffset ?? 0;
  const end = token ? (token.endOffset ?? start) + 1 : 0;
  return errorAt(
    "E105",
    message,
    { start, end },
    {
      hints: [`split the expression with let names; at most ${MAX_NESTING} levels of (), [] and {} are allowed`],
    },
  );
}
