// One vitest case per golden fixture of a shipped preset, through the real loader: what every integration's
// fixture test file runs, so the five differ only in what they name.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverCases, runCase, type FixtureTarget } from "../../cli/testing/fixtures.js";
import { renderDifferences } from "../../cli/testing/outcome-diff.js";
import { fixtureTarget } from "../../cli/testing/preset-target.js";
import { loadPreset } from "../../loader/load-preset.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export interface FixtureSuite {
  /** e.g. "Meta Conversions API" */
  readonly title: string;
  /** The integration's folder under presets/ and the preset file in it. */
  readonly integration: string;
  readonly file: string;
  /** The fewest cases the issue asks for, and a case that must be among them (a file in tests/). */
  readonly atLeast: number;
  readonly mustHave?: string;
  /** Further checks in the same describe block, given the loaded preset. */
  readonly more?: (load: () => Promise<FixtureTarget>) => void;
}

export async function fixtureSuite(suite: FixtureSuite): Promise<void> {
  const folder = join(ROOT, "presets", suite.integration);
  const { cases } = await discoverCases([folder], ROOT);
  let target: Promise<FixtureTarget> | undefined;
  const load = () => (target ??= loadPreset(join(folder, suite.file)).then(fixtureTarget));

  describe(`${suite.title} golden fixtures`, () => {
    it(`has the cases the issue asks for: at least ${suite.atLeast}${suite.mustHave ? `, ${suite.mustHave} among them` : ""}`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(suite.atLeast);
      if (suite.mustHave) expect(cases.map((c) => c.file)).toContain(join(folder, "tests", suite.mustHave));
    });

    for (const fixture of cases) {
      it(fixture.file.slice(ROOT.length + 1), async () => {
        const result = await runCase(fixture, load);
        const report = [result.problem ?? "", ...renderDifferences(result.differences)].join("\n").trim();
        expect(report, fixture.description).toBe("");
      });
    }

    suite.more?.(load);
  });
}
