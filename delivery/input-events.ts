// Turns one input item (a JSON line or an already-parsed event) into an event, or says why it cannot be one.

import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { whereInJson } from "../runtime/json-text.js";

export type ParsedInput =
  | { readonly kind: "event"; readonly event: unknown }
  | { readonly kind: "blank" }
  | { readonly kind: "invalid"; readonly error: string };

export function parseInputItem(item: unknown, line: number): ParsedInput {
  if (typeof item !== "string") return { kind: "event", event: item };
  if (item.trim() === "") return { kind: "blank" };
  try {
    return { kind: "event", event: JSON.parse(item) as unknown };
  } catch (error) {
    return { kind: "invalid", error: `invalid_event: line ${line} is not valid JSON${whereInJson(error)}` };
  }
}

/** The text to write to the dead-letter file: the line exactly as read, so the same command can replay it. */
export function originalLine(item: unknown): string {
  if (typeof item === "string") return item.replace(/\r?\n$/, "");
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

/** The lines of a text stream exactly as read (no parsing), the byte order mark of the first line dropped. */
export async function* readRawLines(input: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    yield first && line.startsWith("\uFEFF") ? line.slice(1) : line;
    first = false;
  }
}
