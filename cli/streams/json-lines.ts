// Reading JSON Lines one line at a time and writing one line at a time, in constant memory, with backpressure.

import type { Readable } from "node:stream";
import { readLine, readRawLineBatches, type UndecodableLine } from "../../delivery/input-events.js";
import type { OutputStream } from "../io.js";

/** One input line: its parsed JSON, or where it stops being JSON. Line numbers count every line, blank ones included. */
export type JsonLine =
  | { readonly line: number; readonly ok: true; readonly value: unknown }
  | {
      readonly line: number;
      readonly ok: false;
      readonly problem: string;
      readonly notUtf8?: true;
      /** The line as read, trimmed (not for a line that is not UTF-8). */
      readonly text?: string;
    };

/**
 * The non-blank lines of `input`, parsed, a chunk of input at a time (one asynchronous step per chunk, not per line).
 * Blank lines (only whitespace) are skipped: they are how a JSON Lines file often ends and they carry no event. A
 * byte order mark before the first line is ignored. Lines are split as bytes and a line that is not UTF-8 is
 * reported as such, never turned into U+FFFD; ids beyond 2^53 keep their digits (runtime/exact-ids.ts). Only one
 * chunk is held at a time, so a huge file runs in constant memory.
 */
export async function* readJsonLineBatches(input: Readable, fromLine = 1): AsyncGenerator<JsonLine[]> {
  let number = 0;
  for await (const texts of readRawLineBatches(input)) {
    const lines: JsonLine[] = [];
    for (const text of texts) {
      number++;
      // --from-line: lines before it are counted, never parsed.
      if (number >= fromLine) addLine(lines, number, text);
    }
    if (lines.length > 0) yield lines;
  }
}

function addLine(lines: JsonLine[], number: number, text: string | UndecodableLine): void {
  const read = readLine(text);
  if (read.kind === "event") lines.push({ line: number, ok: true, value: read.event });
  else if (read.kind === "notUtf8") lines.push({ line: number, ok: false, problem: "", notUtf8: true });
  else if (read.kind === "notJson") {
    lines.push({ line: number, ok: false, problem: read.where, text: (text as string).trim() });
  }
}

interface Drainable {
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly destroyed?: boolean;
}

/**
 * Writes one line; when the stream's buffer is full, waits for it to drain (or to close, so a reader that went away
 * never leaves us waiting). Returns false when the stream can take no more output. `written` is called once the line
 * reached the system, with the error when it could not.
 */
export async function writeLine(
  stream: OutputStream,
  text: string,
  written?: (error?: Error | null) => void,
): Promise<boolean> {
  const drainable = stream as Partial<Drainable>;
  if (isDestroyed(drainable)) return false;
  const accepted = stream.write(`${text}\n`, written);
  if (accepted !== false || typeof drainable.once !== "function") return true;
  await drained(drainable as Drainable);
  return !isDestroyed(drainable);
}

function isDestroyed(stream: Partial<Drainable>): boolean {
  return stream.destroyed === true;
}

/** Resolves on the first of drain, close or error, and removes all three listeners so none pile up. */
function drained(stream: Drainable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) stream.off?.(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"]) stream.once(event, done);
  });
}
