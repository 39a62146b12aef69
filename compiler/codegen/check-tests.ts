// The leaf tests of the generated body check, each written as ajv tests the same keyword: types, bounds, literals.

import { quote } from "./text.js";

/** The comparison that breaks each bound: a value fails `minimum: 3` when `value < 3`. */
export const BREAKS: Readonly<Record<string, string>> = {
  minimum: "<",
  maximum: ">",
  exclusiveMinimum: "<=",
  exclusiveMaximum: ">=",
};

/** ajv's type tests, so a value passes here exactly when it passes there. */
export function typeTest(type: unknown, v: string): string | undefined {
  switch (type) {
    case "string":
    case "number":
    case "boolean":
      return `typeof ${v} === ${quote(type)}`;
    case "integer":
      return `(typeof ${v} === "number" && !(${v} % 1) && !isNaN(${v}))`;
    case "null":
      return `${v} === null`;
    case "array":
      return `Array.isArray(${v})`;
    case "object":
      return `(${v} !== null && typeof ${v} === "object" && !Array.isArray(${v}))`;
    default:
      return undefined;
  }
}

/** A value `const` and `enum` compare with `===`: null, text, a number or a boolean. */
export function isPrimitive(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** A JSON value as TypeScript source: text through quote(), so no schema text can end the string. */
export function literal(value: unknown): string {
  return typeof value === "string" ? quote(value) : JSON.stringify(value);
}

/** The lines of every part, or undefined when one part has a keyword the generator does not cover. */
export function joined(parts: (string[] | undefined)[]): string[] | undefined {
  return parts.some((part) => part === undefined) ? undefined : (parts.flat() as string[]);
}
