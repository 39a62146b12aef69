// The Meta floor of the benchmark (bench/peers/meta-hand-written.ts) must do the preset's work, or the Meta ratio
// in bench/RESULTS.md compares unlike things: it gives the outcome of every golden fixture of presets/meta.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeDifference } from "../../bench/equivalence.js";
import { transformMetaByHand, type MetaSettings } from "../../bench/peers/meta-hand-written.js";
import type { Outcome } from "../../runtime/outcome.js";

const folder = join(import.meta.dirname, "../../presets/meta/tests");
const fixtures = readdirSync(folder)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({
    name,
    ...(JSON.parse(readFileSync(join(folder, name), "utf8")) as {
      settings: MetaSettings;
      event: unknown;
      expect: Outcome;
    }),
  }));

describe("the Meta hand-written floor", () => {
  it("gives the outcome of every golden fixture of the Meta preset", () => {
    expect(fixtures.length).toBeGreaterThan(20);
    const failures = fixtures.flatMap((fixture) => {
      const detail = describeDifference(fixture.expect, transformMetaByHand(fixture.event, fixture.settings));
      return detail === undefined ? [] : [`${fixture.name}: ${detail}`];
    });
    expect(failures).toEqual([]);
  });
});
