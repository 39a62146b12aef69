// The formatter's view of a .map file: physical lines of tokens, each with its end-of-line comment and its role.

import type { IToken } from "chevrotain";
import { splitIntoChunks } from "../dsl/chunks.js";
import * as T from "../dsl/tokens.js";

export interface SourceLine {
  /** Tokens starting on this line, in order (never empty for a code line). */
  readonly tokens: IToken[];
  /** Whitespace columns before the first token or comment, as written. */
  readonly oldIndent: number;
  /** `# …` ending the line, as written; for an own-line comment the whole line. */
  readonly comment?: string;
  /** Spaces between the last token and the end-of-line comment, as written. */
  readonly commentGap: number;
  /** True for a line that is blank. */
  readonly blank: boolean;
  /** Index of the statement (chunk or send clause) this line belongs to; -1 for comment-only and blank lines. */
  statement: number;
  /** True when the line opens its statement. */
  opens: boolean;
  /** Bracket depth at the start of the line, relative to its statement. */
  depth: number;
}

export interface Statement {
  readonly first: IToken;
  /** `integration`/`preset` 0; header and preset statements 2; send clauses and block statements 4. */
  readonly indent: number;
  readonly assignment: boolean;
  readonly setting: boolean;
}

const NOT_TARGETS: readonly unknown[] = [T.Let, T.Require, T.Drop, T.On, T.Send, T.Order, T.Rate, T.Setting];
const CLAUSES: readonly unknown[] = [T.Header, T.Query, T.Body, T.Batch];
const OPEN: readonly unknown[] = [T.LParen, T.LBracket, T.LBrace];
const CLOSE: readonly unknown[] = [T.RParen, T.RBracket, T.RBrace];

/** Splits source into lines, attaching tokens by offset and comments from the gaps between tokens. */
export function sourceLines(text: string, tokens: readonly IToken[]): SourceLine[] {
  const lines: SourceLine[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let index = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index;
    const body = match[1];
    const end = start + body.length;
    const own: IToken[] = [];
    while (index < tokens.length && tokens[index].startOffset < end) own.push(tokens[index++]);
    lines.push(makeLine(body, start, own));
    if (match[2] === "") break;
  }
  return lines;
}

function makeLine(body: string, start: number, tokens: IToken[]): SourceLine {
  const oldIndent = body.length - body.trimStart().length;
  const last = tokens[tokens.length - 1];
  const codeEnd = last === undefined ? oldIndent : last.startOffset - start + last.image.length;
  const rest = body.slice(codeEnd);
  const hash = rest.indexOf("#");
  const comment = hash === -1 ? undefined : rest.slice(hash).trimEnd();
  return {
    tokens,
    oldIndent,
    comment,
    commentGap: hash === -1 ? 0 : Math.max(1, hash),
    blank: tokens.length === 0 && comment === undefined,
    statement: -1,
    opens: false,
    depth: 0,
  };
}

/** Marks each code line with its statement and returns the statements with their canonical indentation. */
export function classify(lines: SourceLine[], tokens: IToken[], text: string): Statement[] {
  const chunks = splitIntoChunks(tokens, text);
  const chunkOf = new Map<IToken, number>();
  chunks.forEach((chunk, i) => chunk.forEach((token) => chunkOf.set(token, i)));
  const sendCounts = sendsPerPreset(chunks);
  const statements: Statement[] = [];
  const state = { preset: -1, inSend: false, depth: 0, chunk: -1 };
  for (const line of lines) {
    const first = line.tokens[0];
    if (first === undefined) continue;
    const chunk = chunkOf.get(first) ?? state.chunk;
    const opensChunk = chunks[chunk]?.[0] === first;
    if (opensChunk) {
      state.depth = 0;
      state.chunk = chunk;
    }
    const clause = !opensChunk && state.depth === 0 && state.inSend && CLAUSES.includes(first.tokenType);
    if (opensChunk || clause) {
      statements.push(statementFor(first, chunks[chunk], state, sendCounts, clause));
      line.opens = true;
    }
    line.statement = statements.length - 1;
    line.depth = state.depth;
    state.depth = Math.max(0, state.depth + bracketBalance(line.tokens));
  }
  return statements;
}

function sendsPerPreset(chunks: IToken[][]): number[] {
  const counts: number[] = [];
  for (const chunk of chunks) {
    const kind = chunk[0].tokenType;
    if (kind === T.Preset) counts.push(0);
    else if (kind === T.Send && counts.length > 0) counts[counts.length - 1]++;
  }
  return counts;
}

interface ClassifyState {
  preset: number;
  inSend: boolean;
}

function statementFor(
  first: IToken,
  chunk: IToken[],
  state: ClassifyState,
  sendCounts: number[],
  clause: boolean,
): Statement {
  const kind = first.tokenType;
  const base = { first, assignment: false, setting: false };
  if (clause) return { ...base, indent: 4 };
  if (kind === T.Integration || kind === T.Preset) {
    if (kind === T.Preset) state.preset++;
    state.inSend = false;
    return { ...base, indent: 0 };
  }
  if (kind === T.Setting) return { ...base, setting: true, indent: 2 };
  if (kind === T.Send) {
    state.inSend = true;
    return { ...base, indent: 2 };
  }
  const nested = state.inSend && (sendCounts[state.preset] ?? 0) > 1;
  return { ...base, assignment: isAssignment(chunk), indent: nested ? 4 : 2 };
}

/** A target path then `<-` at the start of the statement. */
function isAssignment(chunk: IToken[]): boolean {
  const arrow = chunk.findIndex((token) => token.tokenType === T.Arrow);
  if (arrow < 1 || NOT_TARGETS.includes(chunk[0].tokenType)) return false;
  return chunk.slice(0, arrow).every((t) => !OPEN.includes(t.tokenType) || t.tokenType === T.LBracket);
}

export function bracketBalance(tokens: readonly IToken[]): number {
  let balance = 0;
  for (const token of tokens) {
    if (OPEN.includes(token.tokenType)) balance++;
    else if (CLOSE.includes(token.tokenType)) balance--;
  }
  return balance;
}
