// Turns Chevrotain's recognition errors into .map diagnostics that quote token labels and say what was found.
//
// Chevrotain builds an error's message while parsing, when it knows the expected token and the rule; the facade
// knows the rest (the real next token beyond a chunk, the source lines). So the message provider records what was
// expected as a small JSON note, and `syntaxDiagnostic` writes the final sentence once the whole picture is known.

import type { IParserErrorMessageProvider, IRecognitionException, IToken } from "chevrotain";
import { EOF, tokenLabel } from "./chevrotain.js";
import type { Span } from "./ast.js";
import type { Diagnostic, Label } from "../diagnostics/diagnostic.js";
import { suggest } from "../diagnostics/suggest.js";
import { errorAt, quoteSource } from "./diagnostic-builders.js";
import { atEndOf, isRealToken, tokenSpan } from "./spans.js";

interface ExpectationNote {
  /** "expected": something was missing; "redundant": the statement was complete but more followed. */
  readonly kind: "expected" | "redundant";
  readonly rule: string;
  /** Human description of what was expected (a token label or a phrase like "an expression"). */
  readonly expected: string;
  /** Name of the expected token type, when a single token was expected. */
  readonly token?: string;
}

const note = (n: ExpectationNote): string => JSON.stringify(n);

export const SYNTAX_ERROR_PROVIDER: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    expected === EOF
      ? note({ kind: "redundant", rule: ruleName, expected: "" })
      : note({ kind: "expected", rule: ruleName, expected: tokenLabel(expected), token: expected.name }),
  buildNotAllInputParsedMessage: ({ ruleName }) => note({ kind: "redundant", rule: ruleName, expected: "" }),
  buildNoViableAltMessage: ({ customUserDescription, ruleName }) =>
    note({ kind: "expected", rule: ruleName, expected: customUserDescription ?? "something else" }),
  buildEarlyExitMessage: ({ customUserDescription, ruleName }) =>
    note({ kind: "expected", rule: ruleName, expected: customUserDescription ?? "something else" }),
};

/** One chunk as the parser saw it, plus what the facade knows around it. */
export interface ChunkContext {
  readonly source: string;
  readonly tokens: readonly IToken[];
  /** First token of the next chunk: what the author actually wrote where this chunk's parser saw its end. */
  readonly follower: IToken | undefined;
}

export function syntaxDiagnostic(error: IRecognitionException, chunk: ChunkContext): Diagnostic {
  const found = isRealToken(error.token) && error.token.tokenType !== EOF ? error.token : undefined;
  const foundIndex = found === undefined ? chunk.tokens.length : chunk.tokens.indexOf(found);
  const previous = foundIndex > 0 ? chunk.tokens[foundIndex - 1] : undefined;
  const shown = found ?? chunk.follower;
  const expectation = readNote(error.message);
  if (expectation.kind === "redundant" && found !== undefined) return redundantInput(found, previous, chunk);
  const message = `expected ${expectedPhrase(expectation, previous)}, found ${describeToken(shown)}`;
  const labels = unclosedBracketLabels(expectation.token, chunk.tokens.slice(0, Math.max(foundIndex, 0)));
  const hints = foundIndex === 1 ? misspeltKeywordHints(chunk.tokens[0]) : [];
  return errorAt("E103", message, missingTokenSpan(chunk.source, previous, shown), { labels, hints });
}

const STATEMENT_WORDS = ["integration", "setting", "preset", "on", "send", "let", "require"];

/** `sned POST …` reads as a target missing its "<-"; a name that is nearly a statement keyword was likely meant as one. */
function misspeltKeywordHints(first: IToken | undefined): string[] {
  if (first?.tokenType.name !== "Name") return [];
  const keyword = suggest(first.image, STATEMENT_WORDS);
  return keyword === undefined ? [] : [`did you mean "${keyword}"?`];
}

function readNote(message: string): ExpectationNote {
  try {
    const parsed = JSON.parse(message) as ExpectationNote;
    if (typeof parsed === "object" && parsed !== null && typeof parsed.expected === "string") return parsed;
  } catch {
    // Not one of our notes: fall through to a generic expectation.
  }
  return { kind: "expected", rule: "", expected: "something else" };
}

/**
 * Where to point when something is missing: at the unexpected token when it sits on the same line, otherwise just
 * after the previous token, because the author forgot something at the end of that line (or of the file).
 */
function missingTokenSpan(source: string, previous: IToken | undefined, shown: IToken | undefined): Span {
  if (previous === undefined) return shown === undefined ? { start: 0, end: 0 } : tokenSpan(shown);
  const afterPrevious = atEndOf(previous);
  if (shown === undefined) return afterPrevious;
  const between = source.slice(afterPrevious.end, shown.startOffset);
  return /[\n\r]/.test(between) ? afterPrevious : tokenSpan(shown);
}

/** How a message names a token: `"("`, `the string "Signed Up"`, `the end of the file` (`string "…"` when bare). */
export function describeToken(token: IToken | undefined, article = true): string {
  const the = article ? "the " : "";
  if (token === undefined) return `${the}end of the file`;
  if (token.tokenType.name === "StringLiteral") {
    return `${the}string ${token.image.length > 34 ? `${token.image.slice(0, 30)}..."` : token.image}`;
  }
  if (token.tokenType.name === "NumberLiteral") return `${the}number ${token.image}`;
  return quoteSource(token.image);
}

// What to say was expected, keyed by rule and expected token: the parser alone would only know `expected ")"`.
const EXPECTED_IN_CONTEXT: Readonly<Record<string, string | ((previous: string) => string)>> = {
  "integrationHeader:Name": 'the integration name after "integration"',
  "presetHeader:Name": 'the preset name after "preset"',
  "settingDecl:Name": (previous) =>
    previous === ":"
      ? 'a setting type (string, number, boolean, region or secret) after ":"'
      : 'the setting name after "setting"',
  "settingDecl:Colon": '":" and a type after the setting name',
  "onStatement:StringLiteral": 'an event name string after ","',
  "sendStatement:Name": 'an HTTP method (GET, POST, PUT, PATCH or DELETE) after "send"',
  "sendStatement:KwMatches": '"matches" after "body"',
  "sendStatement:StringLiteral": 'the schema file name as a string after "body matches"',
  "headerClause:StringLiteral": 'the header name as a string after "header"',
  "headerClause:Arrow": '"<-" after the header name',
  "letStatement:Name": 'a name after "let"',
  "letStatement:Equals": '"=" after the name of the let',
  "requireStatement:KwElse": '"else" and a message after the required value',
  "requireStatement:StringLiteral": 'the message string after "else"',
  "assignment:Arrow": '"<-" after the target field',
  "assignment:AnyName": 'a field name after "."',
  "expression:StringLiteral": 'the warning message string after "warn"',
  "callExpr:RParen": (previous) => (previous === "(" ? '")" to close the call' : '"," or ")" after the argument'),
  "parenthesized:RParen": '")" to close "("',
  "listLiteral:RBracket": (previous) =>
    previous === "[" || previous === "," ? '"]" to close the list' : '"," or "]" after the list item',
  "pathSegment:NumberLiteral": 'a whole-number index after "["',
  "pathSegment:RBracket": '"]" to close the index',
  // language v2 expressions
  "ifExpr:KwThen": '"then" after the condition of "if"',
  "comprehension:Name": 'the loop name after "for"',
  "comprehension:KwIn": '"in" after the loop name',
  "objectEntry:Colon": '":" after the key',
  "objectLiteral:RBrace": (previous) =>
    previous === "{" || previous === "," ? 'a key, or "}" to close the object' : '"," or "}" after the value',
  "matchExpr:LBrace": '"{" and the arms after the subject of "match"',
  "matchExpr:RBrace": (previous) =>
    previous === "{" || previous === "," ? '"}" to close the match' : '"," or "}" after the arm',
  "matchArm:FatArrow": '"=>" after the literal of the arm',
};

function expectedPhrase(expectation: ExpectationNote, previous: IToken | undefined): string {
  const previousText = previous?.image ?? "";
  const contextual = EXPECTED_IN_CONTEXT[`${expectation.rule}:${expectation.token ?? ""}`];
  if (typeof contextual === "function") return contextual(previousText);
  if (contextual !== undefined) return contextual;
  // A statement is expected at the start of a chunk, where "after ..." would point into the previous statement.
  if (previous === undefined || expectation.rule === "chunk") return expectation.expected;
  return `${expectation.expected} after ${quoteSource(previousText)}`;
}

// Hints for tokens that turn up where a statement has already ended, by the token's type name.
const LEFTOVER_HINTS: Readonly<Record<string, string>> = {
  KwHeader: '"header" clauses go right after the send statement they belong to',
  KwBody: '"body matches" goes right after the send statement it belongs to',
  KwWhen: '"when" can only end an assignment: field <- value when condition',
  KwElse: '"else" belongs to require (require value else "message"), if (if c then a else b) or a match arm',
  KwThen: '"then" belongs to if: if condition then value else other',
  KwFor: '"for" makes a list inside brackets: [ item for name in list ]',
  KwWarn: '"warn" follows a fallback: value ?? other warn "message"',
  Colon: 'only a setting uses ":", as in setting name: type',
  EqualEqual: "comparisons do not chain: write a == b and b == c",
  NotEqual: "comparisons do not chain: write a != b and b != c",
  Less: "comparisons do not chain: write a < b and b < c",
  LessEqual: "comparisons do not chain: write a <= b and b <= c",
  Greater: "comparisons do not chain: write a > b and b > c",
  GreaterEqual: "comparisons do not chain: write a >= b and b >= c",
};

function redundantInput(found: IToken, previous: IToken | undefined, chunk: ChunkContext): Diagnostic {
  const message = `unexpected ${describeToken(found, false)} after the end of the statement`;
  const inOnList = chunk.tokens[0]?.tokenType.name === "KwOn" && found.tokenType.name === "StringLiteral";
  const hint = inOnList ? 'separate event names with ","' : LEFTOVER_HINTS[found.tokenType.name];
  const startsValue = previous !== undefined && endsValue(previous) && startsValueToken(found);
  const hints = hint !== undefined ? [hint] : startsValue ? ['to join text, write "+" between the values'] : [];
  return errorAt("E103", message, tokenSpan(found), { hints });
}

const VALUE_ENDS = new Set([
  "Name",
  "StringLiteral",
  "NumberLiteral",
  "RParen",
  "RBracket",
  "KwTrue",
  "KwFalse",
  "KwNull",
]);
const VALUE_STARTS = new Set(["Name", "StringLiteral", "NumberLiteral"]);
const endsValue = (token: IToken): boolean => VALUE_ENDS.has(token.tokenType.name);
const startsValueToken = (token: IToken): boolean => VALUE_STARTS.has(token.tokenType.name);

/** When a ")" or "]" is missing, a note points at the bracket it should have closed. */
function unclosedBracketLabels(expectedToken: string | undefined, before: readonly IToken[]): Label[] {
  const opener = expectedToken === "RParen" ? "LParen" : expectedToken === "RBracket" ? "LBracket" : undefined;
  if (opener === undefined) return [];
  const open: IToken[] = [];
  for (const token of before) {
    const name = token.tokenType.name;
    if (name === "LParen" || name === "LBracket") open.push(token);
    else if ((name === "RParen" || name === "RBracket") && open.length > 0) open.pop();
  }
  const unclosed = open.at(-1);
  if (unclosed === undefined || unclosed.tokenType.name !== opener) return [];
  return [{ span: tokenSpan(unclosed), message: `${quoteSource(unclosed.image)} opened here` }];
}
