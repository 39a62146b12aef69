// Generic code names no destination: a destination's knowledge lives in its folder under presets/ (issue 9).
// Fails when delivery/, emulator/, cli/ or index.ts mention one of the shipped integrations.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const GENERIC = ["delivery", "emulator", "cli", "index.ts"];
// Case-insensitive names, and Meta only as a name (`preset.meta` is a field, not the destination).
const NAMES = /salesloft|hubspot|mixpanel|\bga4\b|google.analytics|graph\.facebook|measurement.protocol/i;
const META = /\bMeta\b|\bMETA_|["'/]meta["'/]|\bfacebook\b/;

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return path.endsWith(".ts") ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

export function destinationMentions(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => NAMES.test(line) || META.test(line))
      .map(({ line, index }) => `${relative(ROOT, path)}:${index + 1}: ${line.trim()}`),
  );
}

describe("generic code names no destination", () => {
  it("finds none of the five integration names in delivery/, emulator/, cli/ or index.ts", () => {
    const paths = GENERIC.flatMap((entry) => files(join(ROOT, entry)));
    expect(paths.length).toBeGreaterThan(20);
    expect(destinationMentions(paths)).toEqual([]);
  });

  it("would notice a mention (the check itself can fail)", () => {
    const here = join(ROOT, "presets", "salesloft", "adapter.ts");
    expect(destinationMentions([here]).length).toBeGreaterThan(0);
  });
});
