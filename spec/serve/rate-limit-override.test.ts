// The integration's rateLimitPerMinute override: a positive limit, or 0 for a team without one; anything else is named.

import { describe, expect, it } from "vitest";
import { parseServeConfig } from "../../serve/config.js";

function withOverride(rateLimitPerMinute: unknown) {
  return parseServeConfig(
    {
      sources: [{ name: "web", writeKey: "wk" }],
      integrations: [{ name: "salesloft", preset: "p.map", settings: {}, rateLimitPerMinute }],
    },
    "/tmp",
  );
}

describe("integrations[].rateLimitPerMinute", () => {
  it("takes a positive limit, and 0 for no limit", () => {
    for (const value of [1_500, 0.5, 0]) {
      const parsed = withOverride(value);
      expect(parsed.ok && parsed.config.integrations[0]!.rateLimitPerMinute).toBe(value);
    }
  });

  it("refuses a negative, infinite or non-numeric limit, naming the key", () => {
    for (const value of [-1, "600", Number.POSITIVE_INFINITY, null]) {
      const parsed = withOverride(value);
      expect(parsed.ok ? [] : parsed.problems).toEqual([
        '"integrations[0].rateLimitPerMinute" must be a positive number of requests a minute, or 0 for no limit',
      ]);
    }
  });
});
