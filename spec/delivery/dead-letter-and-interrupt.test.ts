import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDeadLetter } from "../../delivery/dead-letter.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { deliverTo, emulatorFor } from "./helpers/harness.js";
import { leadLine } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emulator = undefined;
  dir = undefined;
});

async function* slowly(lines: string[], everyMs: number): AsyncGenerator<string> {
  for (const line of lines) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    yield line;
  }
}

describe("the dead-letter file", () => {
  it("holds each failed event as its original line, and replaying it delivers them", async () => {
    dir = await mkdtemp(join(tmpdir(), "signal-map-dl-"));
    const path = join(dir, "failed.jsonl");
    emulator = await emulatorFor({ failNext: [{ status: 500 }, { status: 500 }] });
    const oddlySpaced = `{ "type":"track",  "event":"Lead Generated", "messageId":"dl-1", "traits":{"email":"dl@example.com"} }`;
    const deadLetter = await openDeadLetter(path);
    const first = await deliverTo(emulator, [oddlySpaced, leadLine("fine@example.com")], {
      concurrency: 1,
      deadLetter,
      policy: { maxAttempts: 2 },
    });
    await deadLetter.close();
    expect(first.results.map((r) => r.status)).toEqual(["failed", "delivered"]);
    expect(await readFile(path, "utf8")).toBe(`${oddlySpaced}\n`);

    const replayed = await deliverTo(emulator, (await readFile(path, "utf8")).split("\n"));
    expect(replayed.results).toHaveLength(1);
    expect(replayed.results[0]).toMatchObject({ messageId: "dl-1", status: "delivered" });
  });
});

describe("an interrupt", () => {
  it("stops reading input, lets requests on the wire finish, and fails the rest as interrupted", async () => {
    emulator = await emulatorFor({ latencyMs: 200 });
    const lines = Array.from({ length: 100 }, (_, i) => leadLine(`int${i}@example.com`));
    const controller = new AbortController();
    const failedLines: string[] = [];
    const deadLetter = { append: async (line: string) => void failedLines.push(line), close: async () => undefined };
    const { results, summary } = await deliverTo(emulator, slowly(lines, 5), {
      concurrency: 2,
      signal: controller.signal,
      deadLetter,
      onResult: () => controller.abort(),
    });
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.linesRead).toBeLessThan(100);
    expect(results.map((r) => r.line)).toEqual(Array.from({ length: summary.linesRead }, (_, i) => i + 1));
    const delivered = results.filter((r) => r.status === "delivered");
    const interrupted = results.filter((r) => r.status === "failed");
    expect(delivered.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.every((r) => r.error?.startsWith("interrupted"))).toBe(true);
    expect(summary.interrupted).toBe(interrupted.length);
    expect(failedLines).toEqual(interrupted.map((r) => lines[r.line - 1]));
    expect(emulator.people()).toHaveLength(delivered.length);
  });

  it("cancels requests still on the wire once the bounded wait runs out", async () => {
    emulator = await emulatorFor({ latencyMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { results } = await deliverTo(emulator, [leadLine("a@example.com"), leadLine("b@example.com")], {
      signal: controller.signal,
      drainTimeoutMs: 50,
    });
    expect(results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(results[0]!.error).toMatch(/^interrupted before Salesloft gave a final answer; replaying the event is safe/);
  });
});
