// The front end's one entry point: .map source in, a well-formed MapFile and every diagnostic out; it never throws.

import type { IToken } from "chevrotain";
import type { MapFile } from "./ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { assembleFile } from "./assemble.js";
import { splitIntoChunks } from "./chunks.js";
import type { DiagnosticSink } from "./cst-access.js";
import { chunkToPiece, type Piece } from "./cst-to-ast.js";
import { errorAt } from "./diagnostic-builders.js";
import { nestingTooDeep, statementTooDeep } from "./depth-limit.js";
import { lex } from "./lexer.js";
import { parseChunk } from "./parser.js";
import { syntaxDiagnostic } from "./syntax-errors.js";

export interface ParseResult {
  readonly ast: MapFile;
  /** Sorted by position. The AST leaves out any statement that could not be parsed whole. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses a .map file. `filename` is accepted for symmetry with the renderer and for future use; diagnostics carry
 * only offsets. Reports every broken statement at once: one syntax error per statement, plus string and character
 * problems, plus what the CST-to-AST step checks (HTTP methods, setting types, stray `warn`).
 */
export function parse(text: string, filename: string): ParseResult {
  const source = typeof text === "string" ? text : "";
  try {
    return parseSource(source);
  } catch (error) {
    // Last resort only: every path above returns errors as data. Should it ever fire, the author still gets an answer.
    const detail = error instanceof Error ? error.message : String(error);
    const where = typeof filename === "string" ? filename : "input";
    return {
      ast: { kind: "MapFile", presets: [], span: { start: 0, end: source.length } },
      diagnostics: [
        errorAt(
          "E900",
          `internal parser error on ${where}: ${detail}`,
          { start: 0, end: 0 },
          {
            hints: ["this is a bug in signal-map, not in your file; please report it with the file attached"],
          },
        ),
      ],
    };
  }
}

function parseSource(source: string): ParseResult {
  const lexed = lex(source);
  const sink: DiagnosticSink = [...lexed.diagnostics];
  const characterErrors = lexed.diagnostics.filter((d) => d.code === "E100").map((d) => d.span.start);
  const chunks = splitIntoChunks(lexed.tokens, source);
  const pieces: Piece[] = [];
  let firstChunkBroken = false;
  chunks.forEach((tokens, i) => {
    const follower = chunks[i + 1]?.[0];
    // A statement nested past the documented limit is one E105 on its line; the other statements still parse.
    const tooDeep = nestingTooDeep(tokens);
    const parsed = tooDeep ? undefined : parseWithinStack(tokens);
    if (parsed === undefined) {
      if (i === 0) firstChunkBroken = true;
      sink.push(tooDeep ?? statementTooDeep(tokens));
      return;
    }
    const { cst, errors } = parsed;
    if (i === 0) firstChunkBroken = errors.length > 0;
    // One syntax error per statement: the rest are usually echoes of the first. A stray character inside the
    // statement already explains whatever the parser trips over, so it gets no second error.
    if (errors.length > 0 && !containsAny(tokens, follower, source, characterErrors)) {
      sink.push(syntaxDiagnostic(errors[0], { source, tokens, follower }));
    }
    const piece = chunkToPiece(cst, sink);
    if (piece !== undefined) pieces.push(piece);
  });
  const facts = { source, firstTokenStart: lexed.tokens[0]?.startOffset ?? 0, firstChunkBroken };
  const ast = assembleFile(pieces, facts, sink);
  return { ast, diagnostics: sink.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end) };
}

/** Parses one statement; undefined when it nests so deeply (in a way other than brackets) that the stack ran out. */
function parseWithinStack(tokens: IToken[]): ReturnType<typeof parseChunk> | undefined {
  try {
    return parseChunk(tokens);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function containsAny(tokens: readonly IToken[], follower: IToken | undefined, source: string, offsets: number[]) {
  const start = tokens[0]?.startOffset ?? 0;
  const end = follower?.startOffset ?? source.length;
  return offsets.some((o) => o >= start && o < end);
}
