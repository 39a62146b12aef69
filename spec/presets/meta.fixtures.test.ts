// Every golden fixture of the Meta Conversions API preset as its own test, through the real loader.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverCases, runCase, type FixtureTarget } from "../../cli/testing/fixtures.js";
import { renderDifferences } from "../../cli/testing/outcome-diff.js";
import { fixtureTarget } from "../../cli/testing/preset-target.js";
import { loadPreset } from "../../loader/load-preset.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PRESET = join(ROOT, "presets", "meta", "conversions.map");
const { cases } = await discoverCases([join(ROOT, "presets", "meta")], ROOT);

let target: Promise<FixtureTarget> | undefined;
const load = () => (target ??= loadPreset(PRESET).then(fixtureTarget));

describe("Meta Conversions API golden fixtures", () => {
  it("has the cases the issue asks for: at least 25, meta-published-hash-examples.json among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.map((c) => c.file)).toContain(
      join(ROOT, "presets", "meta", "tests", "meta-published-hash-examples.json"),
    );
  });

  for (const fixture of cases) {
    it(fixture.file.slice(ROOT.length + 1), async () => {
      const result = await runCase(fixture, load);
      const report = [result.problem ?? "", ...renderDifferences(result.differences)].join("\n").trim();
      expect(report, fixture.description).toBe("");
    });
  }
});
