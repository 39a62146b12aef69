// Scans one double-quoted .map string (JSON escapes) and decodes it, recording problems as data instead of throwing.

/** Something wrong inside a string literal, with the exact range to point at. */
export interface StringProblem {
  readonly kind: "unterminated" | "bad-escape";
  readonly start: number;
  readonly end: number;
  /** The offending source text, e.g. `\x` or `\u12`. */
  readonly text: string;
}

export interface ScannedString {
  /** Characters consumed, including both quotes when the string is closed. */
  readonly length: number;
  /** The decoded value; best effort when there are problems. */
  readonly value: string;
  readonly problems: readonly StringProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

interface Escape {
  readonly value: string;
  readonly next: number;
  readonly problem?: StringProblem;
}

/**
 * Reads the string starting at `start` (which must be a `"`). A string ends at its closing quote; a raw line break or
 * the end of the text ends it too, unterminated, so one missing quote cannot swallow the rest of the file.
 */
export function scanString(text: string, start: number): ScannedString | undefined {
  if (text[start] !== '"') return undefined;
  const problems: StringProblem[] = [];
  let value = "";
  let at = start + 1;
  while (at < text.length) {
    const ch = text[at];
    if (ch === '"') return { length: at + 1 - start, value, problems };
    if (ch === "\n" || ch === "\r") break;
    if (ch === "\\") {
      const escape = readEscape(text, at);
      value += escape.value;
      if (escape.problem) problems.push(escape.problem);
      at = escape.next;
      continue;
    }
    value += ch;
    at += 1;
  }
  problems.unshift({ kind: "unterminated", start, end: start + 1, text: '"' });
  return { length: at - start, value, problems };
}

/** Decodes the escape whose backslash is at `at`; a bad one keeps its raw text so the value stays readable. */
function readEscape(text: string, at: number): Escape {
  const letter = text[at + 1];
  // A backslash at the end of the line is left to the caller, which reports the string as unterminated.
  if (letter === undefined || letter === "\n" || letter === "\r") return { value: "", next: at + 1 };
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { value: simple, next: at + 2 };
  if (letter === "u") return readUnicodeEscape(text, at);
  const raw = text.slice(at, at + 2);
  return { value: letter, next: at + 2, problem: { kind: "bad-escape", start: at, end: at + 2, text: raw } };
}

/** `\uXXXX` with exactly four hex digits; surrogate pairs come out right because each escape is one UTF-16 unit. */
function readUnicodeEscape(text: string, at: number): Escape {
  let digits = 0;
  while (digits < 4 && /^[0-9a-fA-F]$/.test(text[at + 2 + digits] ?? "")) digits += 1;
  const end = at + 2 + digits;
  const raw = text.slice(at, end);
  if (digits === 4) return { value: String.fromCharCode(parseInt(raw.slice(2), 16)), next: end };
  return { value: raw, next: end, problem: { kind: "bad-escape", start: at, end, text: raw } };
}
