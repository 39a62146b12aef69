// Renders diagnostics for people (`path:line:col: error[E103]: ...` with the source line and a caret) and as JSON.

import type { Diagnostic, Severity } from "./diagnostic.js";

export interface Location {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units (a tab counts as one). */
  readonly column: number;
}

/** Offsets where each line starts; `\n`, `\r\n` and a lone `\r` all end a line, as they do for the lexer. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === "\n" || (ch === "\r" && source[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

function clampOffset(source: string, offset: number): number {
  if (!Number.isFinite(offset) || offset < 0) return 0;
  return Math.min(Math.floor(offset), source.length);
}

function locateIn(starts: readonly number[], source: string, offset: number): Location {
  const at = clampOffset(source, offset);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (starts[mid] <= at) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: at - starts[low] + 1 };
}

export function locate(source: string, offset: number): Location {
  return locateIn(lineStarts(source), source, offset);
}

/** The text of a 1-based line without its line break. */
function lineText(starts: readonly number[], source: string, line: number): string {
  const start = starts[line - 1] ?? source.length;
  const next = starts[line] ?? source.length;
  return source.slice(start, next).replace(/\r?\n$|\r$/, "");
}

// Control characters would move the cursor or colour the terminal; U+FFFD is one unit wide, so carets stay aligned.
const visible = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\uFFFD");

function caretLine(line: string, column: number, width: number): string {
  // Tabs are kept in the padding so the carets line up under tabbed source in any terminal.
  const padding = line.slice(0, column - 1).replace(/[^\t]/g, " ");
  return padding + "^".repeat(Math.max(1, width));
}

function renderWith(starts: readonly number[], d: Diagnostic, source: string, filename: string): string {
  const start = locateIn(starts, source, d.span.start);
  const end = locateIn(starts, source, d.span.end);
  const line = visible(lineText(starts, source, start.line));
  // A span that runs onto later lines is underlined to the end of its first line.
  const width = end.line === start.line ? end.column - start.column : line.length - start.column + 1;
  const gutter = " ".repeat(String(start.line).length);
  const out = [
    `${filename}:${start.line}:${start.column}: ${d.severity}[${d.code}]: ${d.message}`,
    `${start.line} | ${line}`,
    `${gutter} | ${caretLine(line, start.column, width)}`,
  ];
  for (const label of d.labels) {
    const at = locateIn(starts, source, label.span.start);
    out.push(`  note: ${filename}:${at.line}:${at.column}: ${label.message}`);
  }
  for (const hint of d.hints) out.push(`  = help: ${hint}`);
  return out.join("\n");
}

export function renderDiagnostic(d: Diagnostic, source: string, filename: string): string {
  return renderWith(startsOf(source), d, source, filename);
}

// Callers render a file's diagnostics one by one (check's text output); the line table is built once per source,
// not once per diagnostic, so rendering stays linear in the size of the file plus the diagnostics.
let lastStarts: { readonly source: string; readonly starts: ReturnType<typeof lineStarts> } | undefined;
function startsOf(source: string): ReturnType<typeof lineStarts> {
  if (lastStarts?.source !== source) lastStarts = { source, starts: lineStarts(source) };
  return lastStarts.starts;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** `2 errors, 1 warning`; warnings are mentioned only when there are some. */
export function summarize(list: readonly Diagnostic[]): string {
  const count = (severity: Severity) => list.filter((d) => d.severity === severity).length;
  const warnings = count("warning");
  return warnings === 0
    ? plural(count("error"), "error")
    : `${plural(count("error"), "error")}, ${plural(warnings, "warning")}`;
}

/** Every diagnostic, a blank line between them, then the summary line. */
export function renderDiagnostics(list: readonly Diagnostic[], source: string, filename: string): string {
  const starts = lineStarts(source);
  const blocks = list.map((d) => renderWith(starts, d, source, filename));
  return [...blocks, summarize(list)].join("\n\n");
}

export interface DiagnosticJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly labels: readonly { readonly line: number; readonly column: number; readonly message: string }[];
  readonly hints: readonly string[];
}

/** Plain objects for `--json`; `endLine`/`endColumn` locate the exclusive end of the span. */
export function diagnosticsToJson(list: readonly Diagnostic[], source: string, filename: string): DiagnosticJson[] {
  const starts = lineStarts(source);
  return list.map((d) => {
    const start = locateIn(starts, source, d.span.start);
    const end = locateIn(starts, source, d.span.end);
    return {
      file: filename,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      labels: d.labels.map((l) => ({ ...locateIn(starts, source, l.span.start), message: l.message })),
      hints: [...d.hints],
    };
  });
}
