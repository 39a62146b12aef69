// now(): the transform's clock (options.now, default the system clock); fixtures of such a preset must give "now".

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInMemory } from "../support/cli-io.js";
import { testCommand } from "../../cli/commands/test.js";
import { loadPresetSource } from "../../loader/load-preset.js";

const SOURCE = `integration demo "Demo"

preset clocked
  on track
  send POST "https://api.example.test/v1/events"
  sent_at <- now()
`;
const event = { type: "track", event: "A", messageId: "m1" };

describe("now()", () => {
  it("reads the clock given to transform, and the module records usesClock", async () => {
    const preset = await loadPresetSource(SOURCE, "clock.map");
    expect(preset.meta.usesClock).toBe(true);
    const at = new Date("2026-03-04T05:06:07.089Z");
    expect(preset.transform(event, {}, { now: () => at })).toMatchObject({
      request: { body: { sent_at: "2026-03-04T05:06:07.089Z" } },
    });
  });

  it("defaults to the system clock, and a clock giving no valid date leaves the value out", async () => {
    const preset = await loadPresetSource(SOURCE, "clock.map");
    const before = Date.now();
    const sent = preset.transform(event, {}) as { request: { body: { sent_at: string } } };
    expect(Date.parse(sent.request.body.sent_at)).toBeGreaterThanOrEqual(before - 1);
    expect(preset.transform(event, {}, { now: () => new Date(Number.NaN) })).toMatchObject({ request: { body: {} } });
  });

  it("is E300 with arguments", async () => {
    await expect(loadPresetSource(SOURCE.replace("now()", 'now("x")'), "clock.map")).rejects.toThrow(/E300/);
  });
});

describe("fixtures of a preset that calls now()", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "clock-fixtures-"));
    mkdirSync(join(dir, "clocked", "tests"), { recursive: true });
    writeFileSync(join(dir, "clocked", "clocked.map"), SOURCE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(cases: Record<string, object>) {
    for (const [name, content] of Object.entries(cases)) {
      writeFileSync(join(dir, "clocked", "tests", `${name}.json`), JSON.stringify({ event, ...content }));
    }
    const { code, all } = await runInMemory(testCommand, ["clocked"], dir);
    return { code, out: all };
  }

  const expected = {
    messageId: "m1",
    outcome: "send",
    request: {
      method: "POST",
      url: "https://api.example.test/v1/events",
      headers: { "Content-Type": "application/json" },
      body: { sent_at: "2026-01-01T12:00:00.000Z" },
    },
    warnings: [],
  };

  it("run at the case's now", async () => {
    const { code, out } = await run({ at: { now: "2026-01-01T12:00:00Z", expect: expected } });
    expect(out).toContain("1 passed, 0 failed");
    expect(code).toBe(0);
  });

  it("fail clearly without now, or with a now that is not a time", async () => {
    const { code, out } = await run({ none: { expect: expected }, bad: { now: "noon", expect: expected } });
    expect(out).toContain('the preset calls now(), so the case must give "now"');
    expect(out).toContain('"now" must be an ISO-8601 time');
    expect(out).toContain("0 passed, 2 failed");
    expect(code).toBe(1);
  });
});
