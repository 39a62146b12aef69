// Pieces of a request that generated code builds from event values: the ordering key, URL slots and query clauses.

import type { Clock } from "./preset-module.js";
import { scalarText } from "./stdlib/values.js";

/** `now()`: the clock's time as ISO-8601 text; absent when the clock gives no valid date. */
export function clockText(clock: Clock): string | undefined {
  const date = clock.now();
  return date instanceof Date && Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}

/** An ordering key: text as is, a finite number as its text; anything else (and empty text) is no key. */
export function keyText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * One URL path segment from a slot value: text, numbers and booleans as their text, percent-encoded whole so no value
 * can add a segment, a query or another host. Absent (or a list, an object, empty text) gives undefined: the caller
 * makes that a missing_required error naming the slot. `.` and `..` give null, an invalid_request error: the WHATWG
 * URL parser (and so fetch and undici) resolves them even when encoded as `%2E`, which would change the path.
 */
export function segment(value: unknown): string | null | undefined {
  const text = scalarText(value);
  if (text === undefined || text === "") return undefined;
  if (text === "." || text === "..") return null;
  return encodeURIComponent(text);
}

/** Appends `name=value` clauses (each percent-encoded) to a URL, after any query it already has; absent values are left out. */
export function withQuery(url: string, params: readonly (readonly [string, unknown])[]): string {
  const parts: string[] = [];
  for (const [name, value] of params) {
    const text = scalarText(value);
    if (text !== undefined) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  }
  if (parts.length === 0) return url;
  const hash = url.indexOf("#");
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? "" : url.slice(hash);
  const joiner = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${joiner}${parts.join("&")}${fragment}`;
}
