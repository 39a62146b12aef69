// One rule for every golden case (parse, check, codegen): compare with the expected file beside the input; with
// UPDATE_GOLDEN=1 rewrite it (the diff is reviewed like code). A missing expected file fails unless updating.

import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

/**
 * `actual` undefined means "there must be no expected file" (a parse case with no diagnostics has none): updating
 * removes a stale one, and comparing fails while one remains.
 */
export function expectGolden(path: string, actual: string | undefined): void {
  if (UPDATE_GOLDEN) {
    if (actual === undefined) rmSync(path, { force: true });
    else writeFileSync(path, actual);
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (expected === undefined && actual !== undefined) {
    expect.fail(`${path} is missing: run with UPDATE_GOLDEN=1 to write it, then review it like code`);
  }
  expect(actual, `${path} (run with UPDATE_GOLDEN=1 to regenerate)`).toBe(expected);
}
