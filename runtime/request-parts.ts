// Pieces of a request that generated code builds from event values: the ordering key, URL slots and query clauses.

import { scalarText } from "./stdlib/values.js";

/** An ordering key: text as is, a finite number as its text; anything else (and empty text) is no key. */
export function keyText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * One URL path segment from a slot value: text, numbers and booleans as their text, percent-encoded whole so no value
 * can add a segment, a query or another host; `.` and `..` are encoded too, since URL parsers resolve them.
 * Absent (or anything else) gives undefined: the caller makes that a missing_required error naming the slot.
 */
export function segment(value: unknown): string | undefined {
  const text = scalarText(value);
  if (text === undefined || text === "") return undefined;
  if (text === ".") return "%2E";
  if (text === "..") return "%2E%2E";
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
