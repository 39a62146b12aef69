// `signal-map fmt`: one canonical layout for .map source, from its tokens, keeping every comment and string as written.

import { hasErrors } from "../diagnostics/diagnostic.js";
import { lex } from "../dsl/lexer.js";
import { parse } from "../dsl/parse.js";
import * as T from "../dsl/tokens.js";
import { classify, sourceLines, type SourceLine, type Statement } from "./lines.js";
import { alignmentPads } from "./align.js";
import { layoutText, tokenColumns, topLevelIndex } from "./render.js";

/**
 * The canonical layout of a .map file, or undefined when it does not parse (nothing is guessed about broken text).
 * Only whitespace between tokens changes: tokens, comments and the author's line breaks stay (blank runs become one).
 */
export function formatMapSource(text: string, filename = "input.map"): string | undefined {
  if (typeof text !== "string") return undefined;
  const parsed = parse(text, filename);
  if (hasErrors(parsed.diagnostics)) return undefined;
  const { tokens } = lex(text);
  const lines = sourceLines(text, tokens);
  const statements = classify(lines, tokens, text);
  const pads = alignmentPads(lines, statements);
  const rendered = renderCode(lines, statements, pads);
  return assemble(lines, rendered);
}

interface Rendered {
  readonly indent: number;
  readonly text: string;
}

function renderCode(lines: SourceLine[], statements: Statement[], pads: Map<SourceLine, Map<number, number>>) {
  const rendered = new Map<SourceLine, Rendered>();
  const shifts = { indent: 0, value: 0, base: 0 };
  for (const line of lines) {
    if (line.tokens.length === 0) continue;
    const columns = tokenColumns(line.tokens, pads.get(line));
    let indent: number;
    if (line.opens) {
      indent = statements[line.statement].indent;
      Object.assign(shifts, openingShifts(line, columns, indent));
    } else {
      const shift = line.depth === 0 ? shifts.value : shifts.indent;
      const closer = [T.RParen, T.RBracket, T.RBrace].includes(line.tokens[0].tokenType);
      indent = Math.max(shifts.base + (closer ? 0 : 2), line.oldIndent + shift);
    }
    rendered.set(line, { indent, text: " ".repeat(indent) + withComment(line, columns) });
  }
  return rendered;
}

/** How the continuation lines of a statement move: with its indentation, or (outside brackets) with its value. */
function openingShifts(line: SourceLine, columns: number[], indent: number) {
  const tokens = line.tokens;
  const indentShift = indent - line.oldIndent;
  let mark = topLevelIndex(tokens, T.Arrow);
  if (mark === -1) mark = topLevelIndex(tokens, T.Equals);
  const value = mark === -1 || mark + 1 >= tokens.length ? -1 : mark + 1;
  const valueShift =
    value === -1 ? indentShift : indent + columns[value] - (tokens[value].startOffset - oldLineStart(line));
  return { indent: indentShift, value: valueShift, base: indent };
}

function oldLineStart(line: SourceLine): number {
  return line.tokens[0].startOffset - line.oldIndent;
}

function withComment(line: SourceLine, columns: number[]): string {
  const code = layoutText(line.tokens, columns);
  if (line.comment === undefined) return code;
  return code + " ".repeat(line.commentGap) + line.comment;
}

/** Own-line comments take the indentation of the code line below them (else above); blank runs become one line. */
function assemble(lines: SourceLine[], rendered: Map<SourceLine, Rendered>): string {
  const out: string[] = [];
  let previousIndent = 0;
  let blank = false;
  lines.forEach((line, i) => {
    if (line.blank) {
      blank = out.length > 0;
      return;
    }
    if (blank) out.push("");
    blank = false;
    const code = rendered.get(line);
    if (code !== undefined) {
      previousIndent = code.indent;
      out.push(code.text);
      return;
    }
    const below = nextCode(lines, i, rendered);
    out.push(" ".repeat(below?.indent ?? previousIndent) + (line.comment ?? ""));
  });
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

function nextCode(lines: SourceLine[], from: number, rendered: Map<SourceLine, Rendered>): Rendered | undefined {
  for (let i = from + 1; i < lines.length; i++) {
    const code = rendered.get(lines[i]);
    if (code !== undefined) return code;
  }
  return undefined;
}
