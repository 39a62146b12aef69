// The .map token vocabulary: every token type with the human label that syntax errors quote (`expected ")"`).

import type { CustomPatternMatcherReturn, TokenType } from "chevrotain";
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
export const Warn = keyword("warn");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const True = keyword("true");
export const False = keyword("false");
export const Null = keyword("null");
export const Omit = keyword("omit");
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
];

/** Language v2's structure keywords; lexed before KEYWORDS, since `or` would otherwise take the start of `order`. */
const STRUCTURE_TOKENS: readonly TokenType[] = [Order, Rate, Query, Batch];

/** Keywords that begin a declaration or statement: error recovery re-synchronises on them. */
export const STATEMENT_KEYWORDS: readonly TokenType[] = [Integration, Setting, Preset, On, Send, Let, Require];
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

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/,
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
/** `on *`: every event. */
export const Star = punctuation("Star", "*");

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
  Equals,
  Plus,
  Comma,
  Dot,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Star,
  ...STRUCTURE_TOKENS,
  ...KEYWORDS,
  Name,
  AnyName,
];
