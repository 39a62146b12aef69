// Phases import one way: a test, not a convention. Fails when dsl/ or runtime/ reach into compiler/, when the
// diagnostics leaf imports anything of ours, or when two folders import each other.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "dist", "spec", ".git", ".ci", "docs"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP.has(name) ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The folder that owns a file: its first two levels below the root (`compiler/check`), or one for a top file. */
function folderOf(path: string, depth: number): string {
  const parts = relative(ROOT, path).split(sep);
  return parts.length === 1 ? "." : parts.slice(0, Math.min(depth, parts.length - 1)).join("/");
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
}

function importEdges(depth: number): Edge[] {
  return sourceFiles(ROOT).flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
    return specifiers.map((spec) => ({
      from: folderOf(file, depth),
      to: folderOf(resolve(dirname(file), spec), depth),
      file: relative(ROOT, file),
    }));
  });
}

function mutualPairs(edges: readonly Edge[]): string[] {
  const seen = new Set(edges.filter((e) => e.from !== e.to).map((e) => `${e.from} -> ${e.to}`));
  return [...seen].filter((edge) => {
    const [a, b] = edge.split(" -> ");
    return a < b && seen.has(`${b} -> ${a}`);
  });
}

describe("import layering", () => {
  const top = importEdges(1);

  it("keeps the diagnostics module a leaf that imports nothing of ours", () => {
    expect(top.filter((e) => e.from === "diagnostics" && e.to !== "diagnostics")).toEqual([]);
  });

  it("never lets dsl/ or runtime/ import compiler code", () => {
    const bad = top.filter((e) => (e.from === "dsl" || e.from === "runtime") && e.to === "compiler");
    expect(bad.map((e) => e.file)).toEqual([]);
  });

  it("has no two top-level folders importing each other", () => {
    expect(mutualPairs(top)).toEqual([]);
  });

  it("has no two second-level folders importing each other (check and codegen, delivery's parts)", () => {
    // A parent folder's own files (runtime/*.ts) may use its subfolders and be used by them; siblings may not cycle.
    const siblings = importEdges(2).filter((e) => e.from.includes("/") && e.to.includes("/"));
    expect(mutualPairs(siblings)).toEqual([]);
  });
});
