// Colour on a terminal: when it is on (NO_COLOR, --no-color, FORCE_COLOR, a TTY), and how diagnostics, test diffs
// and summaries are coloured. Text is coloured after it is rendered, so piped output is byte-for-byte the plain text.

import type { OutputStream } from "./io.js";

export interface Palette {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Off with NO_COLOR (any value, even empty) or when the stream is not a terminal; FORCE_COLOR (other than "0")
 * turns it on anyway. `--no-color` reaches here as NO_COLOR (cli/main.ts sets it).
 */
export function colourEnabled(stream: Pick<OutputStream, "isTTY">, env: Readonly<Record<string, unknown>>): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true;
}

const sgr =
  (on: number, off: number) =>
  (text: string): string =>
    `\x1b[${on}m${text}\x1b[${off}m`;

const COLOURS = {
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};
const plain = (text: string): string => text;
const PLAIN = { red: plain, green: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };

export function palette(enabled: boolean): Palette {
  return { enabled, ...(enabled ? COLOURS : PLAIN) };
}

/** The palette for text written to `stream`. */
export function paletteFor(stream: Pick<OutputStream, "isTTY">, env: Readonly<Record<string, unknown>>): Palette {
  return palette(colourEnabled(stream, env));
}

/** Rendered diagnostics (diagnostics/render.ts's text) coloured line by line: severity, code, caret, help, note. */
export function colourDiagnostics(text: string, p: Palette): string {
  if (!p.enabled) return text;
  return text
    .split("\n")
    .map((line) => colourDiagnosticLine(line, p))
    .join("\n");
}

function colourDiagnosticLine(line: string, p: Palette): string {
  const head = /^(.*?: )(error|warning)(\[[A-Z]\d+\])(: .*)$/.exec(line);
  if (head) {
    const tone = head[2] === "error" ? p.red : p.yellow;
    return `${p.bold(head[1]!)}${p.bold(tone(head[2]!))}${p.dim(head[3]!)}${p.bold(head[4]!)}`;
  }
  const caret = /^(\s*\|\s*)([\^~-]+.*)$/.exec(line);
  if (caret && !/^\s*\d/.test(line)) return `${p.dim(caret[1]!)}${p.red(caret[2]!)}`;
  const source = /^(\d+ \|)(.*)$/.exec(line);
  if (source) return `${p.dim(source[1]!)}${source[2]}`;
  if (/^\s*= help:/.test(line)) return p.cyan(line);
  if (/^\s*note:/.test(line)) return p.dim(line);
  const total = /^(.*: )(\d+ errors?, \d+ warnings?)$/.exec(line);
  if (total) return `${total[1]}${/^0 errors/.test(total[2]!) ? p.green(total[2]!) : p.red(total[2]!)}`;
  return line;
}

/** A test diff's lines (outcome-diff.ts's renderDifferences) with expected in green and actual in red. */
export function colourDiffLine(line: string, p: Palette): string {
  if (!p.enabled) return line;
  const match = /^(\s*)(expected:|actual: )(.*)$/.exec(line);
  if (!match) return line;
  const tone = match[2] === "expected:" ? p.green : p.red;
  return `${match[1]}${p.dim(match[2]!)}${tone(match[3]!)}`;
}

/** A verdict word of `test` (ok, updated, FAIL) coloured. */
export function colourVerdict(line: string, p: Palette): string {
  if (!p.enabled) return line;
  if (line.startsWith("FAIL ")) return `${p.red(p.bold("FAIL"))}${line.slice(4)}`;
  if (line.startsWith("ok ")) return `${p.green("ok")}${line.slice(2)}`;
  if (line.startsWith("updated ")) return `${p.yellow("updated")}${line.slice(7)}`;
  return line;
}
