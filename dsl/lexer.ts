// Turns .map source into tokens; unexpected characters and bad strings become diagnostics, never exceptions.

import type { ILexingError, IToken } from "chevrotain";
import { Lexer } from "./chevrotain.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { errorAt, quoteSource } from "./diagnostic-builders.js";
import type { StringProblem } from "./string-literal.js";
import { ALL_TOKENS, StringLiteral, type StringPayload } from "./tokens.js";

// Built once at module load: construction validates the token set and precomputes the first-character tables.
// Lines and columns are computed only when rendering, so the lexer tracks offsets alone.
const MAP_LEXER = new Lexer([...ALL_TOKENS], { positionTracking: "onlyOffset", ensureOptimizations: true });

export interface LexResult {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

export function lex(text: string): LexResult {
  const result = MAP_LEXER.tokenize(text);
  const diagnostics = result.errors.map((e) => unexpectedCharacter(text, e));
  for (const token of result.tokens) {
    if (token.tokenType === StringLiteral) diagnostics.push(...stringDiagnostics(token));
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { tokens: result.tokens, diagnostics };
}

/** The decoded value of a string token (its payload was filled in by the token's own matcher). */
export function stringValue(token: IToken): string {
  const payload = token.payload as StringPayload | undefined;
  return payload?.value ?? "";
}

// Characters people reach for from other languages, and what .map spells instead.
const CHARACTER_HINTS: Readonly<Record<string, string>> = {
  "!": 'write "not" to negate, or "!=" to compare',
  "&": 'write "and" to require both conditions',
  "|": 'write "or" to accept either condition',
  "'": 'strings use double quotes: "like this"',
  "?": 'a fallback is written "??"',
  ";": "statements need no separator; start the next one on a new line",
};

function unexpectedCharacter(text: string, error: ILexingError): Diagnostic {
  const found = text.slice(error.offset, error.offset + error.length);
  const what = [...found].length === 1 ? "unexpected character" : "unexpected characters";
  const hint = CHARACTER_HINTS[found[0]];
  return errorAt(
    "E100",
    `${what} ${quoteSource(found)}`,
    { start: error.offset, end: error.offset + error.length },
    {
      hints: hint === undefined ? [] : [hint],
    },
  );
}

function stringDiagnostics(token: IToken): Diagnostic[] {
  const payload = token.payload as StringPayload | undefined;
  return (payload?.problems ?? []).map(stringProblem);
}

function stringProblem(problem: StringProblem): Diagnostic {
  const span = { start: problem.start, end: problem.end };
  if (problem.kind === "unterminated") {
    return errorAt("E101", "unterminated string", span, {
      hints: ['close the string with " before the end of the line'],
    });
  }
  const needsDigits = problem.text.startsWith("\\u");
  return errorAt("E102", `invalid escape ${quoteSource(problem.text)} in string`, span, {
    hints: [
      needsDigits
        ? "\\u takes exactly four hex digits, e.g. \\u00e9"
        : 'valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write \\\\ for a backslash',
    ],
  });
}
