// Reading a .map file for a command, and saying in one line when the file is something else (JSON, JSON Lines).

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ioProblem } from "./io-problems.js";

export type MapSource =
  { readonly ok: true; readonly source: string } | { readonly ok: false; readonly problem: string };

/** The file's text, or one phrase saying why it cannot be used as a .map file (never the parser's 40 errors). */
export async function readMapSource(file: string, cwd: string): Promise<MapSource> {
  let source: string;
  try {
    source = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    return { ok: false, problem: `cannot read ${file}: ${ioProblem(error)}` };
  }
  const problem = notMapProblem(source, file);
  return problem === undefined ? { ok: true, source } : { ok: false, problem };
}

/**
 * A .map file starts with comments, blank lines or `integration`; one whose first character is `{` or `[` is JSON (a
 * schema, a settings file, events) passed where a preset was expected.
 */
export function notMapProblem(source: string, file: string): string | undefined {
  const first = source.replace(/^\uFEFF/, "").trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  return `${file} is not a .map file (it holds JSON); a .map file starts with \`integration …\``;
}

/** notMapProblem for a file on disk; undefined when it cannot be read (the loader reports that in its own words). */
export async function notMapFileProblem(file: string, cwd: string): Promise<string | undefined> {
  const read = await readMapSource(file, cwd);
  return read.ok || read.problem.startsWith("cannot read ") ? undefined : read.problem;
}
