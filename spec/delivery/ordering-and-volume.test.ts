import { afterEach, describe, expect, it } from "vitest";
import { acceleratedClock } from "../../delivery/clock.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { deliverTo, emulatorFor } from "./helpers/harness.js";
import { leadLine } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("per-person order under concurrency", () => {
  it("never lets an earlier update overwrite a later one, whatever fails and is retried", async () => {
    emulator = await emulatorFor({ failureRate: 0.3, dropRate: 0.1, seed: 7 });
    const people = ["ann", "bob", "cat", "dan", "eve"];
    const lines = [1, 2, 3, 4, 5, 6].flatMap((version) =>
      people.map((name) => leadLine(`${name}@example.com`, { title: `v${version}` })),
    );
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const { summary } = await deliverTo(emulator, lines, {
      concurrency: 8,
      random,
      policy: { maxAttempts: 20, baseDelayMs: 5, maxDelayMs: 40 },
    });
    expect(summary).toMatchObject({ delivered: 30, failed: 0 });
    expect(summary.attempts).toBeGreaterThan(30);
    for (const name of people) {
      const landed = emulator
        .requests()
        .filter(
          (r) => r.status === 200 && (r.body as { email_address?: string })?.email_address === `${name}@example.com`,
        )
        .map((r) => (r.body as { title: string }).title);
      expect(landed).toEqual(["v1", "v2", "v3", "v4", "v5", "v6"]);
    }
    expect(emulator.people().map((person) => person.title)).toEqual(people.map(() => "v6"));
  });
});

describe("volume at the team's rate limit", () => {
  it("delivers 1,000 leads at 600 a minute without causing a single 429", async () => {
    // 20x clock shared with the emulator: the two minutes this takes pass in about six seconds.
    const clock = acceleratedClock(20, Date.UTC(2025, 0, 6, 12, 0, 30));
    emulator = await emulatorFor({ rateLimitPerMinute: 600 }, clock);
    const lines = Array.from({ length: 1000 }, (_, i) => leadLine(`lead${i}@example.com`));
    const { summary } = await deliverTo(emulator, lines, { clock, concurrency: 8 });
    expect(summary).toMatchObject({ delivered: 1000, failed: 0, rateLimited: 0, attempts: 1000 });
    expect(emulator.requests().filter((request) => request.status === 429)).toHaveLength(0);
    expect(emulator.people()).toHaveLength(1000);
  });
});
