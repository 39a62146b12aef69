// What generated body checks call: the string length, pattern and format tests ajv applies, made available by name
// so a module evaluates no schema text itself.

import { formatTest, type FormatTest } from "./formats.js";

/** A generated check of one send block's body: the JSON Pointer of the first field that breaks it, or undefined. */
export type GeneratedBodyCheck = (body: unknown) => string | undefined;

/** Length as JSON Schema counts it (and ajv's ucs2length): code points, a surrogate pair counting once. */
export function schemaLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    length++;
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if ((next & 0xfc00) === 0xdc00) i++;
    }
  }
  return length;
}

/** A schema's `pattern`, compiled once when the module is defined, with the `u` flag ajv uses. */
export function schemaPattern(source: string): RegExp {
  return new RegExp(source, "u");
}

/** The test of a format the runtime enforces; any other format passes (it is an annotation). */
export function schemaFormat(name: string): FormatTest {
  return formatTest(name) ?? (() => true);
}

/** The value as a record when it is a JSON object (ajv's object test), else undefined: no cast in generated code. */
export function schemaObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A key as one JSON Pointer segment, escaped as ajv's instancePath escapes it. */
export function pointerKey(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
