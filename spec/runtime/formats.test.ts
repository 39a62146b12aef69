// The formats a request body is held to (date-time, uri, email): the tests themselves and ajv enforcing them.

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequestSchema } from "../../compiler/check/request-schema.js";
import { FORMATS, formatTest } from "../../runtime/formats.js";
import { compileBodyCheck } from "../../runtime/request-schema.js";

describe("formats", () => {
  it.each([
    ["date-time", "2026-03-01T12:00:00Z", true],
    ["date-time", "2026-03-01T12:00:00.123+01:00", true],
    ["date-time", "2024-02-29T23:59:60z", true],
    ["date-time", "2026-02-29T12:00:00Z", false],
    ["date-time", "2026-03-01 12:00:00Z", false],
    ["date-time", "2026-03-01T12:00:00", false],
    ["date-time", "yesterday", false],
    ["uri", "https://example.com/a?b=c#d", true],
    ["uri", "mailto:lead@example.com", true],
    ["uri", "example.com/pricing", false],
    ["uri", "https://exa mple.com", false],
    ["email", "lead@example.com", true],
    ["email", "first.last+tag@sub.example.co.uk", true],
    ["email", "nobody", false],
    ["email", "a@b", false],
    ["email", "a @example.com", false],
  ])("%s %j → %s", (format, text, valid) => {
    expect(FORMATS[format](text)).toBe(valid);
  });

  it("enforces only the three formats it knows; others stay annotations", () => {
    expect(formatTest("hostname")).toBeUndefined();
    expect(formatTest("constructor")).toBeUndefined();
  });

  it("makes the runtime body check refuse a value that breaks a format", () => {
    const check = compileBodyCheck({
      type: "object",
      properties: {
        at: { type: "string", format: "date-time" },
        url: { type: "string", format: "uri" },
        email: { type: "string", format: "email" },
        host: { type: "string", format: "hostname" },
      },
    });
    expect(check({ at: "2026-03-01T12:00:00Z", url: "https://a.example", email: "a@b.co", host: "!" })).toEqual([]);
    expect(check({ at: "soon", url: "nowhere", email: "nobody" })).toEqual([
      'field "at" must match format "date-time"',
      'field "url" must match format "uri"',
      'field "email" must match format "email"',
    ]);
  });
});

describe("the shipped request schemas", () => {
  const presets = resolve(import.meta.dirname, "../../presets");
  const schemas = readdirSync(presets).flatMap((folder) =>
    readdirSync(join(presets, folder))
      .filter((name) => name.endsWith(".schema.json"))
      .map((name) => join(folder, name)),
  );

  it.each(schemas)("%s: every $ref resolves and ajv compiles it with the formats", (name) => {
    const loaded = loadRequestSchema(join(presets, name), (path) => readFileSync(path, "utf8"));
    expect(loaded.ok && loaded.unresolved).toEqual([]);
    expect(() => compileBodyCheck(loaded.ok ? (loaded.schema as object) : {})).not.toThrow();
  });
});
