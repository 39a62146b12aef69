// Every golden fixture of the GA4 Measurement Protocol preset as its own test, through the real loader.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverCases, runCase, type FixtureTarget } from "../../cli/testing/fixtures.js";
import { renderDifferences } from "../../cli/testing/outcome-diff.js";
import { fixtureTarget } from "../../cli/testing/preset-target.js";
import { loadPreset } from "../../loader/load-preset.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PRESET = join(ROOT, "presets", "ga4", "events.map");
const { cases } = await discoverCases([join(ROOT, "presets", "ga4")], ROOT);

let target: Promise<FixtureTarget> | undefined;
const load = () => (target ??= loadPreset(PRESET).then(fixtureTarget));

describe("GA4 Measurement Protocol golden fixtures", () => {
  it("has the cases the issue asks for: at least 25, analytics-consent-denied-dropped.json among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.map((c) => c.file)).toContain(
      join(ROOT, "presets", "ga4", "tests", "analytics-consent-denied-dropped.json"),
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
