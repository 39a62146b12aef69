// Every golden fixture of the Salesloft Lead Capture preset as its own test, through the real loader.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SEED_BODY } from "../support/seed.js";
import { fixtureSuite, ROOT } from "../support/fixture-suite.js";

const SEED_JSON = JSON.stringify(SEED_BODY, null, 2);

await fixtureSuite({
  title: "Salesloft Lead Capture",
  integration: "salesloft",
  file: "lead-capture.map",
  atLeast: 35,
  mustHave: "seed-worked-example.json",
  more: (load) =>
    it("prints the seed's worked example body exactly as the seed shows it, key order included", async () => {
      const seed = JSON.parse(
        readFileSync(join(ROOT, "presets", "salesloft", "tests", "seed-worked-example.json"), "utf8"),
      );
      const outcome = (await load()).printedOutcome(seed.event, seed.settings) as { request: { body: unknown } };
      expect(JSON.stringify(outcome.request.body, null, 2)).toBe(SEED_JSON);
    }),
});
