// Finding golden fixture cases on disk, reading them, naming the preset each runs against, and writing updates.

import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve, sep } from "node:path";
import { jsonErrorAtLine } from "./update-guard.js";

/** One case file as read from disk. `problem` says why it cannot run; the other fields are then best effort. */
export interface FixtureCase {
  /** Absolute path of the case file. */
  readonly file: string;
  /** The whole parsed file, kept so that `--update` can rewrite `expect` and leave everything else as it was. */
  readonly raw: Record<string, unknown>;
  readonly description?: string;
  readonly settings: unknown;
  readonly event: unknown;
  /** Absent when the file has no `expect` yet (a new case: `--update` fills it in). */
  readonly expect?: unknown;
  readonly messageIncludes: readonly string[];
  /** `"now"`: the ISO-8601 time the case runs at, for a preset that calls now(). */
  readonly now?: string;
  /** Absolute path of the .map file the case runs against. */
  readonly preset?: string;
  /** The preset of that file, when the case names one (`"preset": "../FILE.map#NAME"`). */
  readonly presetName?: string;
  readonly problem?: string;
}

/** The cases under each path: a folder (every `tests/` folder below it), a `tests/` folder, a case file or a .map. */
export async function discoverCases(
  paths: readonly string[],
  cwd: string,
): Promise<{ cases: FixtureCase[]; missing: string[] }> {
  const cases: FixtureCase[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    const found = await casesUnder(path);
    if (found === undefined) {
      missing.push(given);
      continue;
    }
    for (const fixture of found) {
      if (!seen.has(fixture.file)) cases.push(fixture);
      seen.add(fixture.file);
    }
  }
  return { cases, missing };
}

async function casesUnder(path: string): Promise<FixtureCase[] | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return undefined;
  if (info.isFile() && extname(path) === ".map") {
    const all = await Promise.all((await caseFiles(join(dirname(path), "tests"), true)).map(readCase));
    // Cases that name another preset, or cannot tell which one they are for, belong to someone else; a file that
    // could not be read at all is kept, since it may well be this preset's.
    return all.filter((fixture) => fixture.preset === path || Object.keys(fixture.raw).length === 0);
  }
  if (info.isFile()) return [await readCase(path)];
  return Promise.all((await caseFiles(path, basename(path) === "tests")).map(readCase));
}

/** Every .json file inside a `tests` folder at or below `dir`, sorted so runs are reproducible. */
async function caseFiles(dir: string, insideTests: boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await caseFiles(full, insideTests || entry.name === "tests")));
    else if (insideTests && entry.isFile() && entry.name.endsWith(".json")) files.push(full);
  }
  return files;
}

/** Reads and checks one case file; never throws. */
export async function readCase(file: string): Promise<FixtureCase> {
  const broken = (problem: string): FixtureCase => ({
    file,
    raw: {},
    settings: {},
    event: undefined,
    messageIncludes: [],
    problem,
  });
  let raw: unknown;
  let text = "";
  try {
    text = await readFile(file, "utf8");
    raw = JSON.parse(text);
  } catch (error) {
    return broken(`not a readable JSON file: ${jsonErrorAtLine(errorText(error), text)}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return broken("a case file must hold one JSON object");
  const record = raw as Record<string, unknown>;
  const shapeProblem = caseShapeProblem(record);
  const preset = await presetOf(file, record);
  return {
    file,
    raw: record,
    description: typeof record.description === "string" ? record.description : undefined,
    settings: own(record, "settings") ? record.settings : {},
    event: record.event,
    expect: own(record, "expect") ? record.expect : undefined,
    messageIncludes: Array.isArray(record.messageIncludes)
      ? record.messageIncludes.filter((s) => typeof s === "string")
      : [],
    ...(typeof record.now === "string" ? { now: record.now } : {}),
    preset: preset.path,
    ...(preset.name !== undefined ? { presetName: preset.name } : {}),
    problem: shapeProblem ?? preset.problem,
  };
}

function caseShapeProblem(record: Record<string, unknown>): string | undefined {
  if (!own(record, "event")) return 'the case has no "event"';
  const settings = record.settings;
  if (own(record, "settings") && (typeof settings !== "object" || settings === null || Array.isArray(settings))) {
    return '"settings" must be an object';
  }
  if (own(record, "now") && (typeof record.now !== "string" || !Number.isFinite(Date.parse(record.now)))) {
    return '"now" must be an ISO-8601 time, e.g. "2026-01-01T12:00:00Z"';
  }
  const includes = record.messageIncludes;
  if (own(record, "messageIncludes") && (!Array.isArray(includes) || includes.some((s) => typeof s !== "string"))) {
    return '"messageIncludes" must be a list of strings';
  }
  return undefined;
}

/**
 * `"preset"` relative to the case file (`"../FILE.map"` or `"../FILE.map#NAME"`); else the single .map file in the
 * folder holding the `tests/` folder; else, with several, the one whose name is the case's folder inside `tests/`
 * (`tests/lead-capture/x.json` belongs to `lead-capture.map`).
 */
async function presetOf(
  file: string,
  record: Record<string, unknown>,
): Promise<{ path?: string; name?: string; problem?: string }> {
  if (own(record, "preset")) {
    if (typeof record.preset !== "string") return { problem: '"preset" must be a path to a .map file' };
    const at = record.preset.lastIndexOf("#");
    const named = at > 0 && record.preset.slice(0, at).endsWith(".map");
    const path = resolve(dirname(file), named ? record.preset.slice(0, at) : record.preset);
    return named ? { path, name: record.preset.slice(at + 1) } : { path };
  }
  const home = presetHome(file);
  const maps = (await readdir(home).catch(() => [] as string[])).filter((name) => name.endsWith(".map")).sort();
  if (maps.length === 1) return { path: join(home, maps[0]) };
  const folder = basename(dirname(file));
  const matching = maps.find((name) => name === `${folder}.map`);
  if (matching !== undefined && folder !== "tests") return { path: join(home, matching) };
  const found = maps.length === 0 ? "no .map file" : `${maps.length} .map files`;
  return { problem: `cannot tell which preset to run: ${home} has ${found}; name it with "preset": "../NAME.map"` };
}

/** The folder above the nearest `tests` folder holding the file (its own folder's parent when there is none). */
function presetHome(file: string): string {
  const parts = dirname(file).split(sep);
  const at = parts.lastIndexOf("tests");
  return at > 0 ? parts.slice(0, at).join(sep) || sep : dirname(dirname(file));
}

/** Rewrites `expect` in place, keeping every other key and the key order; 2-space JSON and a final newline. */
export async function writeExpect(fixture: FixtureCase, expect: unknown): Promise<void> {
  const updated: Record<string, unknown> = {};
  for (const key of Object.keys(fixture.raw)) defineOwn(updated, key, key === "expect" ? expect : fixture.raw[key]);
  if (!own(fixture.raw, "expect")) updated.expect = expect;
  await writeFile(fixture.file, `${JSON.stringify(updated, null, 2)}\n`, "utf8");
}

/** Assignment that keeps a `"__proto__"` key an ordinary own key, as JSON.parse made it. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function own(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
