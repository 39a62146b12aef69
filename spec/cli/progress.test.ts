// The progress line (total, percentage, rate, ETA, waits; cleared around other stderr text), the summary tables,
// and run's progress and summary on a terminal only.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../../cli/commands/run.js";
import type { CliIO } from "../../cli/io.js";
import { countLines, ProgressLine, watchedClock } from "../../cli/progress.js";
import { formatTable } from "../../cli/summary-table.js";
import { packageRoot } from "../../loader/paths.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "progress-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeStream() {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), isTTY: true } };
}

describe("ProgressLine", () => {
  it("shows done of total, percentage, rate and ETA", () => {
    let now = 0;
    const { stream } = fakeStream();
    const line = new ProgressLine(stream, { total: 100, now: () => now });
    now = 5000;
    line.update(50, "50 delivered");
    expect(line.text()).toBe("50/100 events (50%) · 10/s · ETA 5 s · 50 delivered");
    line.stop();
  });

  it("says how long it waits on the rate limit, and stops saying it when the wait is over", () => {
    let now = 0;
    const { writes, stream } = fakeStream();
    const line = new ProgressLine(stream, { now: () => now });
    line.update(3);
    line.waitFor(30_000);
    expect(writes.at(-1)).toContain("waiting on rate limit or retry (30 s)");
    now = 31_000;
    expect(line.text()).not.toContain("waiting");
    line.stop();
  });

  it("clears itself before other stderr text and redraws after, so messages never share its line", () => {
    const { writes, stream } = fakeStream();
    const line = new ProgressLine(stream, { total: 2 });
    line.update(1);
    line.around(stream).write("a message\n");
    const at = writes.indexOf("a message\n");
    expect(writes[at - 1]).toBe("\r\x1b[2K");
    expect(writes[at + 1]).toMatch(/^\r\x1b\[2K1\/2 events/);
    line.stop();
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("a watched clock reports sleeps of a second or more", async () => {
    const waits: number[] = [];
    const clock = watchedClock({ now: () => 0, sleep: async () => undefined }, (ms) => waits.push(ms));
    await clock.sleep(10);
    await clock.sleep(2500);
    expect(waits).toEqual([2500]);
  });
});

describe("countLines", () => {
  it("counts lines with or without a final newline; undefined for a missing file", async () => {
    writeFileSync(join(dir, "a"), "x\ny\n");
    writeFileSync(join(dir, "b"), "x\ny");
    writeFileSync(join(dir, "c"), "");
    expect(await countLines(join(dir, "a"))).toBe(2);
    expect(await countLines(join(dir, "b"))).toBe(2);
    expect(await countLines(join(dir, "c"))).toBe(0);
    expect(await countLines(join(dir, "missing"))).toBeUndefined();
  });
});

describe("formatTable", () => {
  it("aligns labels left and counts right", () => {
    expect(
      formatTable("3 events", [
        ["send", 12],
        ["drop", 3],
        ["  missing_required", 100],
      ]),
    ).toBe("3 events\n  send                 12\n  drop                  3\n    missing_required  100\n");
  });
});

describe("run on a terminal", () => {
  const lead = (i: number) =>
    JSON.stringify({ type: "identify", messageId: `m${i}`, traits: { email: `p${i}@example.com` } });

  async function run(isTTY: boolean) {
    writeFileSync(join(dir, "events.jsonl"), `${[lead(1), lead(2), "{}", "not json"].join("\n")}\n`);
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      stdout: { write: (text: string) => out.push(text), isTTY },
      stderr: { write: (text: string) => err.push(text), isTTY },
      stdin: Readable.from([""]),
      env: { SALESLOFT_API_KEY: "k-progress-123456", NO_COLOR: "1" },
      cwd: dir,
    };
    const code = await runCommand([join(packageRoot, "presets/salesloft/lead-capture.map"), "events.jsonl"], io);
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  it("draws progress with the file's total and ends with a summary by outcome, on stderr only", async () => {
    const tty = await run(true);
    const piped = await run(false);
    expect(tty.stdout).toBe(piped.stdout);
    expect(piped.stderr).toBe("");
    expect(tty.stderr).toMatch(/\r\x1b\[2K1\/4 events \(25%\)/);
    expect(tty.stderr).toMatch(/4 events in [\d.]+ s\n {2}send +2\n {2}drop +0\n {2}error +2\n {4}invalid_event +2\n$/);
  });
});
