// Runs golden fixture cases against their presets and reports each one; independent of how presets are loaded.

import { relative } from "node:path";
import { compareOutcome, renderDifferences, unstatedTexts, type Difference } from "./outcome-diff.js";
import { discoverCases, errorText, writeExpect, type FixtureCase } from "./fixture-files.js";
import { refusedUpdate } from "./update-guard.js";

export type { FixtureCase } from "./fixture-files.js";
export { discoverCases, readCase } from "./fixture-files.js";

/** A loaded preset as the runner sees it: one event and its settings in, the outcome exactly as printed out. */
export interface FixtureTarget {
  /** `now` is the clock of the transform: a case's `"now"`, for a preset that calls now(). */
  printedOutcome(event: unknown, settings: unknown, options?: { now?: () => Date }): unknown;
  /** The preset calls now(): each case must say what time it runs at. */
  readonly usesClock?: boolean;
}

/**
 * Loads the preset at an absolute .map path (the named preset of a file holding several); a rejection (e.g. the
 * preset does not compile) fails its cases.
 */
export type FixtureLoader = (mapPath: string, preset?: string) => Promise<FixtureTarget>;

export interface FixtureRunOptions {
  readonly load: FixtureLoader;
  /** Rewrite `expect` of each failing case with the actual outcome. */
  readonly update?: boolean;
  /** Receives the report, one line at a time, without a newline. */
  readonly report: (line: string) => void;
  /** Paths in the report are shown relative to this folder. */
  readonly cwd: string;
}

export interface FixtureSummary {
  readonly passed: number;
  readonly failed: number;
  readonly updated: number;
}

/** The verdict on one case: passed, or the differences (or the problem) that made it fail. */
export interface CaseResult {
  readonly fixture: FixtureCase;
  readonly actual?: unknown;
  readonly differences: readonly Difference[];
  readonly problem?: string;
}

/** Runs every case found under `paths`; the report's last line is `N passed, N failed`. */
export async function runFixtures(
  paths: readonly string[],
  options: FixtureRunOptions,
): Promise<FixtureSummary & { missing: string[] }> {
  const { cases, missing } = await discoverCases(paths, options.cwd);
  const summary = await runCases(cases, options);
  return { ...summary, missing };
}

export async function runCases(cases: readonly FixtureCase[], options: FixtureRunOptions): Promise<FixtureSummary> {
  const loader = cachedLoader(options);
  let passed = 0;
  let failed = 0;
  let updated = 0;
  for (const fixture of cases) {
    let result = await runCase(fixture, loader);
    const refused = options.update === true && needsUpdate(result) && refusedUpdate(fixture.expect, result.actual);
    if (refused) result = { ...result, problem: refused };
    const rewrite = options.update === true && needsUpdate(result) && !refused;
    if (rewrite) {
      const expect = expectationFrom(fixture.expect, result.actual);
      await writeExpect(fixture, expect);
      result = {
        fixture,
        actual: result.actual,
        differences: compareOutcome(expect, result.actual, fixture.messageIncludes),
      };
      updated++;
    }
    const ok = result.problem === undefined && result.differences.length === 0;
    if (ok) passed++;
    else failed++;
    reportCase(result, ok ? (rewrite ? "updated" : "ok") : "FAIL", options);
  }
  if (updated > 0) options.report(`${updated} updated`);
  options.report(`${passed} passed, ${failed} failed`);
  return { passed, failed, updated };
}

/** Runs one case; never throws (a throwing preset is reported as the case's problem). */
export async function runCase(fixture: FixtureCase, load: FixtureLoader): Promise<CaseResult> {
  if (fixture.problem !== undefined || fixture.preset === undefined) {
    return { fixture, differences: [], problem: fixture.problem ?? "no preset" };
  }
  let actual: unknown;
  try {
    const target = await load(fixture.preset, fixture.presetName);
    if (target.usesClock === true && fixture.now === undefined) {
      const problem = 'the preset calls now(), so the case must give "now", e.g. "now": "2026-01-01T12:00:00Z"';
      return { fixture, differences: [], problem };
    }
    const at = fixture.now === undefined ? undefined : new Date(fixture.now);
    const options = at === undefined ? undefined : { now: () => new Date(at.getTime()) };
    actual = asPrinted(target.printedOutcome(fixture.event, fixture.settings, options));
  } catch (error) {
    return { fixture, differences: [], problem: errorText(error) };
  }
  if (!Object.prototype.hasOwnProperty.call(fixture.raw, "expect")) {
    return {
      fixture,
      actual,
      differences: [],
      problem: 'the case has no "expect" yet (run with --update to record it)',
    };
  }
  return { fixture, actual, differences: compareOutcome(fixture.expect, actual, fixture.messageIncludes) };
}

/** What would be written by `--update`: the actual outcome, leaving out a reason or message the fixture left out. */
export function expectationFrom(previous: unknown, actual: unknown): unknown {
  if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return actual;
  const record = actual as Record<string, unknown>;
  const previousKind =
    typeof previous === "object" && previous !== null ? (previous as Record<string, unknown>).outcome : undefined;
  if (previousKind !== record.outcome) return actual;
  const leftOut = unstatedTexts(previous);
  return Object.fromEntries(Object.entries(record).filter(([key]) => !leftOut.has(key)));
}

/** A case is rewritten when its preset ran and the outcome differs, or when it has no `expect` yet. */
function needsUpdate(result: CaseResult): boolean {
  return result.actual !== undefined && (result.problem !== undefined || result.differences.length > 0);
}

/** The outcome as a reader of the printed JSON sees it: undefined keys gone, only JSON values left. */
function asPrinted(outcome: unknown): unknown {
  const text = JSON.stringify(outcome);
  return text === undefined ? undefined : JSON.parse(text);
}

/** Each preset is loaded once per run, even when its loading fails. */
function cachedLoader(options: FixtureRunOptions): FixtureLoader {
  const loaded = new Map<string, Promise<FixtureTarget>>();
  return (mapPath, preset) => {
    const key = preset === undefined ? mapPath : `${mapPath}#${preset}`;
    let target = loaded.get(key);
    if (target === undefined) {
      target = options.load(mapPath, preset);
      target.catch((error: unknown) =>
        options.report(`error loading ${shown(mapPath, options.cwd)}:\n${errorText(error)}`),
      );
      loaded.set(key, target);
    }
    return target;
  };
}

function reportCase(result: CaseResult, verdict: "ok" | "updated" | "FAIL", options: FixtureRunOptions): void {
  const name = shown(result.fixture.file, options.cwd);
  options.report(`${verdict.padEnd(4)} ${name}`);
  if (verdict !== "FAIL") return;
  if (result.fixture.description) options.report(`     ${result.fixture.description}`);
  if (result.problem !== undefined) options.report(`     ${firstLine(result.problem)}`);
  for (const line of renderDifferences(result.differences, "     ")) options.report(line);
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : `${text.slice(0, end)} (see above)`;
}
