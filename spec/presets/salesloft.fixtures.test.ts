// Every golden fixture of the Salesloft Lead Capture preset as its own test, through the real loader.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_BODY } from "../support/seed.js";
import { discoverCases, runCase, type FixtureTarget } from "../../cli/testing/fixtures.js";
import { renderDifferences } from "../../cli/testing/outcome-diff.js";
import { fixtureTarget } from "../../cli/testing/preset-target.js";
import { loadPreset } from "../../loader/load-preset.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PRESET = join(ROOT, "presets", "salesloft", "lead-capture.map");
const { cases } = await discoverCases([join(ROOT, "presets", "salesloft")], ROOT);

let target: Promise<FixtureTarget> | undefined;
const load = () => (target ??= loadPreset(PRESET).then(fixtureTarget));

describe("Salesloft Lead Capture golden fixtures", () => {
  it("has the cases the issue asks for: at least 35, the seed's worked example among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(cases.map((c) => c.file)).toContain(join(ROOT, "presets", "salesloft", "tests", "seed-worked-example.json"));
  });

  for (const fixture of cases) {
    it(fixture.file.slice(ROOT.length + 1), async () => {
      const result = await runCase(fixture, load);
      const report = [result.problem ?? "", ...renderDifferences(result.differences)].join("\n").trim();
      expect(report, fixture.description).toBe("");
    });
  }

  it("prints the seed's worked example body exactly as the seed shows it, key order included", async () => {
    const seed = JSON.parse(
      readFileSync(join(ROOT, "presets", "salesloft", "tests", "seed-worked-example.json"), "utf8"),
    );
    const outcome = (await load()).printedOutcome(seed.event, seed.settings) as { request: { body: unknown } };
    expect(JSON.stringify(outcome.request.body, null, 2)).toBe(SEED_JSON);
  });
});

// The seed document's example as printed there, with its two-space indentation: the body users will compare against.
const SEED_JSON = JSON.stringify(SEED_BODY, null, 2);
