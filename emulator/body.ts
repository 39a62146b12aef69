// Reading and decoding request bodies: JSON, and the form encoding some APIs also accept.

import type { IncomingMessage } from "node:http";

/** Bodies above this are refused: no lead is this large, and the emulator must not buffer without bound. */
export const MAX_BODY_BYTES = 1_000_000;

export type RawBody = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: true };

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and discarding) so the answer can still be written on this connection.
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? { ok: false, tooLarge } : { ok: true, text: decode(chunks) }));
    request.on("error", () => resolve({ ok: true, text: decode(chunks) }));
  });
}

function decode(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString("utf8");
}

export type DecodedBody =
  | { readonly ok: true; readonly format: "json" | "form" | "empty"; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** Decodes by Content-Type; anything but a form is read as JSON, as API clients send JSON by default. */
export function decodeBody(text: string, contentType: string | undefined): DecodedBody {
  if (text.trim() === "") return { ok: true, format: "empty", value: undefined };
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType === "application/x-www-form-urlencoded") return { ok: true, format: "form", value: decodeForm(text) };
  try {
    return { ok: true, format: "json", value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Invalid JSON in request body: ${(error as Error).message}` };
  }
}

/**
 * Rails-style form fields: `name=x`, `tags[]=a&tags[]=b`, `custom_fields[utm_source]=google`. Values stay strings;
 * the upsert handler converts them to the field's type.
 */
export function decodeForm(text: string): Record<string, unknown> {
  // Prototype-less objects: a field named `__proto__` must stay data, never reach Object.prototype.
  const result: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)(?:\[([^[\]]*)\])?$/.exec(key);
    if (!match) continue;
    const [, name, inner] = match;
    if (inner === undefined) result[name] = value;
    else if (inner === "") appendTo(result, name, value);
    else setIn(result, name, inner, value);
  }
  return result;
}

function appendTo(target: Record<string, unknown>, name: string, value: string): void {
  const current = target[name];
  target[name] = Array.isArray(current) ? [...current, value] : [value];
}

function setIn(target: Record<string, unknown>, name: string, key: string, value: string): void {
  const current = target[name];
  const nested: Record<string, unknown> = isPlainObject(current) ? current : Object.create(null);
  nested[key] = value;
  target[name] = nested;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
