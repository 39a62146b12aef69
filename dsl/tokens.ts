// The .map token vocabulary: every token type with the human label that syntax errors quote (`expected ")"`).

import type { CustomPatternMatcherReturn, IToken, TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";
import { scanString, type ScannedString } from "./string-literal.js";

// ---------------------------------------------------------------- trivia

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  // The byte-order mark and no-break space count as blanks: both arrive by copy-paste and are invisible in editors.
  pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
  label: "white space",
});

export const Comment = createToken({
  name: "Comment",
  pattern: /#[^\n\r]*/,
  group: Lexer.SKIPPED,
  label: "a comment",
});

// ---------------------------------------------------------------- names and keywords

/** Any name, keyword or not: what may follow a `.` in a path or a target (`properties.on`, `custom_fields.when`). */
export const AnyName = createToken({ name: "AnyName", pattern: Lexer.NA, label: "a name" });

export const Name = createToken({
  name: "Name",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyName],
  label: "a name",
});

function keyword(word: string): TokenType {
  const name = `Kw${word[0].toUpperCase()}${word.slice(1)}`;
  return createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: Name,
    categories: [AnyName],
    label: `"${word}"`,
  });
}

export const Integration = keyword("integration");
export const Setting = keyword("setting");
export const Preset = keyword("preset");
export const On = keyword("on");
export const Send = keyword("send");
export const Header = keyword("header");
export const Body = keyword("body");
export const Matches = keyword("matches");
export const Let = keyword("let");
export const Require = keyword("require");
export const Else = keyword("else");
export const When = keyword("when");
/** `drop "reason" when condition`: refuses an event on purpose, as a drop with its reason. */
export const Drop = keyword("drop");
export const Warn = keyword("warn");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const True = keyword("true");
export const False = keyword("false");
export const Null = keyword("null");
export const Omit = keyword("omit");
// Expressions of language v2: comprehensions, conditionals and lookup tables.
export const For = keyword("for");
export const In = keyword("in");
export const If = keyword("if");
export const Then = keyword("then");
export const Match = keyword("match");
// Preset structure (language v2): `order by`, `rate limit`, and the `query` and `batch` clauses of a send block.
export const Order = keyword("order");
export const Rate = keyword("rate");
export const Query = keyword("query");
export const Batch = keyword("batch");

const KEYWORDS: readonly TokenType[] = [
  Integration,
  Setting,
  Preset,
  On,
  Send,
  Header,
  Body,
  Matches,
  Let,
  Require,
  Drop,
  Else,
  When,
  Warn,
  And,
  Or,
  Not,
  True,
  False,
  Null,
  Omit,
  For,
  In,
  If,
  Then,
  Match,
];

/** Language v2's structure keywords; lexed before KEYWORDS, since `or` would otherwise take the start of `order`. */
const STRUCTURE_TOKENS: readonly TokenType[] = [Order, Rate, Query, Batch];

/** Keywords that begin a declaration or statement: error recovery re-synchronises on them. */
export const STATEMENT_KEYWORDS: readonly TokenType[] = [Integration, Setting, Preset, On, Send, Let, Require, Drop];
/** Statement keywords of language v2's preset structure (kept apart so the list above merges cleanly). */
export const STRUCTURE_KEYWORDS: readonly TokenType[] = [Order, Rate];

// ---------------------------------------------------------------- literals

/** What a string token carries: its decoded value and any problems found while scanning it. */
export type StringPayload = ScannedString;

function matchString(text: string, offset: number): CustomPatternMatcherReturn | null {
  const scanned = scanString(text, offset);
  if (scanned === undefined) return null;
  const match: CustomPatternMatcherReturn = [text.slice(offset, offset + scanned.length)];
  match.payload = scanned;
  return match;
}

/** Unterminated strings are still tokens (flagged in their payload), so the parser carries on after them. */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: { exec: matchString },
  start_chars_hint: ['"'],
  line_breaks: false,
  label: "a string",
});

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Tokens after which a value has ended, so a following `-` subtracts (`a -1` is `a - 1`) instead of signing. */
const VALUE_END_NAMES = new Set(["Name", "StringLiteral", "NumberLiteral", "RParen", "RBracket", "RBrace"]);
const LITERAL_WORDS = new Set(["KwTrue", "KwFalse", "KwNull", "KwOmit"]);

function endsValue(tokens: readonly IToken[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  const name = last.tokenType.name;
  // A keyword right after "." is a field name (`properties.in - 1`).
  return VALUE_END_NAMES.has(name) || LITERAL_WORDS.has(name) || tokens[tokens.length - 2]?.tokenType.name === "Dot";
}

function matchNumber(text: string, offset: number, tokens: IToken[]): CustomPatternMatcherReturn | null {
  NUMBER.lastIndex = offset;
  const found = NUMBER.exec(text);
  if (found === null || (found[0].startsWith("-") && endsValue(tokens))) return null;
  return [found[0]] as CustomPatternMatcherReturn;
}

/** A leading `-` belongs to the number only where no value has just ended: `-7` and `[-1]`, but not `a -1`. */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: { exec: matchNumber },
  start_chars_hint: ["-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  line_breaks: false,
  label: "a number",
});

// ---------------------------------------------------------------- punctuation and operators

function punctuation(name: string, text: string): TokenType {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return createToken({ name, pattern: new RegExp(escaped), label: `"${text}"` });
}

export const Arrow = punctuation("Arrow", "<-");
export const Fallback = punctuation("Fallback", "??");
export const EqualEqual = punctuation("EqualEqual", "==");
export const NotEqual = punctuation("NotEqual", "!=");
export const Equals = punctuation("Equals", "=");
export const Plus = punctuation("Plus", "+");
export const Comma = punctuation("Comma", ",");
export const Dot = punctuation("Dot", ".");
export const Colon = punctuation("Colon", ":");
export const LParen = punctuation("LParen", "(");
export const RParen = punctuation("RParen", ")");
export const LBracket = punctuation("LBracket", "[");
export const RBracket = punctuation("RBracket", "]");
// Language v2 expressions: object literals, match arms, arithmetic and ordering.
export const LBrace = punctuation("LBrace", "{");
export const RBrace = punctuation("RBrace", "}");
export const FatArrow = punctuation("FatArrow", "=>");
export const LessEqual = punctuation("LessEqual", "<=");
export const GreaterEqual = punctuation("GreaterEqual", ">=");
export const Less = punctuation("Less", "<");
export const Greater = punctuation("Greater", ">");
export const Minus = punctuation("Minus", "-");
export const Star = punctuation("Star", "*");
export const Slash = punctuation("Slash", "/");

/**
 * Lexer order matters: longer operators before their prefixes (`==` before `=`), keywords before Name (each keyword
 * falls back to Name through `longer_alt`, so `online` is a name), the category AnyName last since it matches nothing.
 */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  NumberLiteral,
  Arrow,
  Fallback,
  EqualEqual,
  NotEqual,
  FatArrow,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Minus,
  Star,
  Slash,
  Equals,
  Plus,
  Comma,
  Dot,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  ...STRUCTURE_TOKENS,
  ...KEYWORDS,
  Name,
  AnyName,
];
