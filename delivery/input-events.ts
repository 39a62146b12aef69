// Turns one input item (a JSON line or an already-parsed event) into an event, or says why it cannot be one.

import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import { parseEventJson } from "../runtime/exact-ids.js";
import { whereInJson } from "../runtime/json-text.js";

/** An input line whose bytes are not UTF-8: an invalid_event, kept as bytes so a dead letter is byte-identical. */
export class UndecodableLine {
  constructor(readonly bytes: Buffer) {}
}

export type ParsedInput =
  | { readonly kind: "event"; readonly event: unknown }
  | { readonly kind: "blank" }
  | { readonly kind: "invalid"; readonly error: string };

/** One line of JSON Lines input as read: blank, an event, or why it is none (where its JSON breaks, not UTF-8). */
export type ReadLine =
  | { readonly kind: "blank" }
  | { readonly kind: "event"; readonly event: unknown }
  | { readonly kind: "notJson"; readonly where: string }
  | { readonly kind: "notUtf8" };

/** Parses one line the way `run` and `deliver` both read them: ids beyond 2^53 keep their digits. */
export function readLine(text: string | UndecodableLine): ReadLine {
  if (text instanceof UndecodableLine) return { kind: "notUtf8" };
  if (text.trim() === "") return { kind: "blank" };
  try {
    return { kind: "event", event: parseEventJson(text) };
  } catch (error) {
    return { kind: "notJson", where: whereInJson(error) };
  }
}

export function parseInputItem(item: unknown, line: number): ParsedInput {
  if (typeof item !== "string" && !(item instanceof UndecodableLine)) return { kind: "event", event: item };
  const read = readLine(item);
  if (read.kind === "notUtf8") return { kind: "invalid", error: `invalid_event: line ${line} is not valid UTF-8 text` };
  if (read.kind === "notJson")
    return { kind: "invalid", error: `invalid_event: line ${line} is not valid JSON${read.where}` };
  return read;
}

/** The text to write to the dead-letter file: the line exactly as read, so the same command can replay it. */
export function originalLine(item: unknown): string | Buffer {
  if (item instanceof UndecodableLine) return item.bytes;
  if (typeof item === "string") return item.replace(/\n$/, "");
  try {
    return JSON.stringify(item) ?? String(item);
  } catch {
    return String(item);
  }
}

/** Iterates sync and async sources alike. */
export function asyncIteratorOf(input: AsyncIterable<unknown> | Iterable<unknown>): AsyncIterator<unknown> {
  if (Symbol.asyncIterator in input) return (input as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const iterator = (input as Iterable<unknown>)[Symbol.iterator]();
  return {
    next: async () => iterator.next(),
    return: async (value?: unknown) => iterator.return?.(value) ?? { done: true, value: undefined },
  };
}

/**
 * The lines of a stream exactly as read (no parsing), split on "\n" as bytes, each
 * decoded as UTF-8 only when it is valid: otherwise an UndecodableLine, never U+FFFD. The byte order mark of the
 * first line is dropped.
 */
export async function* readRawLines(input: Readable): AsyncGenerator<string | UndecodableLine> {
  for await (const lines of readRawLineBatches(input)) yield* lines;
}

/**
 * readRawLines a chunk at a time: the complete lines of each chunk as read, in one array, so a reader pays for one
 * asynchronous step per chunk rather than per line. The chunk's lines are checked and decoded in one go; only a chunk
 * that is not UTF-8 throughout is taken apart line by line, so each line is what decoding it alone would give.
 */
export async function* readRawLineBatches(input: Readable): AsyncGenerator<(string | UndecodableLine)[]> {
  let pending: Buffer = Buffer.alloc(0);
  let first = true;
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    const end = bytes.lastIndexOf(10);
    if (end === -1) {
      pending = Buffer.concat([pending, bytes]);
      continue;
    }
    const complete = pending.length === 0 ? bytes.subarray(0, end) : Buffer.concat([pending, bytes.subarray(0, end)]);
    pending = Buffer.from(bytes.subarray(end + 1));
    yield decodeLines(complete, first);
    first = false;
  }
  if (pending.length > 0) yield [decodeLine(pending, first)];
}

/** The lines of `bytes` (complete lines without their last "\n"). "\n" is never part of a longer UTF-8 sequence. */
function decodeLines(bytes: Buffer, first: boolean): (string | UndecodableLine)[] {
  if (isUtf8(bytes)) {
    const lines = bytes.toString("utf8").split("\n");
    if (first && lines[0]!.startsWith("\uFEFF")) lines[0] = lines[0]!.slice(1);
    return lines;
  }
  const lines: (string | UndecodableLine)[] = [];
  let rest = bytes;
  for (let end = rest.indexOf(10); end !== -1; end = rest.indexOf(10)) {
    lines.push(decodeLine(rest.subarray(0, end), first && lines.length === 0));
    rest = rest.subarray(end + 1);
  }
  lines.push(decodeLine(rest, first && lines.length === 0));
  return lines;
}

// A "\r" before the "\n" is kept: JSON reads it as white space, and a dead letter stays byte-identical.
function decodeLine(bytes: Buffer, first: boolean): string | UndecodableLine {
  if (!isUtf8(bytes)) return new UndecodableLine(Buffer.from(bytes));
  const text = bytes.toString("utf8");
  return first && text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** The bytes an input item holds as read (a line counts its characters: its UTF-8 bytes for ASCII). */
export function inputBytes(item: unknown): number {
  if (typeof item === "string") return item.length;
  if (item instanceof Uint8Array) return item.byteLength;
  if (item instanceof UndecodableLine) return item.bytes.byteLength;
  return 0;
}
