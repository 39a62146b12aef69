// Replaying dead letters never overwrites a person's newer data: the journal beside the dead-letter file knows where
// each dead letter came from and what each person last received, and a superseded event is skipped, saying so.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDeadLetter } from "../../delivery/dead-letter.js";
import { ReplayJournal } from "../../delivery/replay-journal.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { deliverTo, emulatorFor } from "./helpers/harness.js";
import { leadLine } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const PEOPLE = Array.from({ length: 30 }, (_, i) => `p${i}@example.com`);
const VERSIONS = 6;
const lines = Array.from({ length: VERSIONS }, (_, v) =>
  PEOPLE.map((email) => leadLine(email, { title: `v${v + 1}` })),
).flat();

/** Delivers `input` with the dead-letter file `deadPath` and its journal; `inputPath` when the input is a dead-letter file. */
async function runWith(input: readonly string[], deadPath: string, maxAttempts: number, inputPath?: string) {
  const deadLetter = await openDeadLetter(deadPath);
  const journal = await ReplayJournal.open(deadPath, inputPath);
  try {
    return await deliverTo(emulator!, input, {
      concurrency: 8,
      deadLetter,
      journal,
      policy: { maxAttempts, baseDelayMs: 1, maxDelayMs: 5 },
    });
  } finally {
    await deadLetter.close();
    await journal.close();
  }
}

const titles = () => new Map(emulator!.people().map((person) => [person.email_address, person.title]));

describe("replaying dead letters", () => {
  it("leaves every person at their latest event, skipping superseded dead letters as dropped", async () => {
    dir = await mkdtemp(join(tmpdir(), "signal-map-replay-"));
    const first = join(dir, "retry-later.jsonl");
    emulator = await emulatorFor({ failureRate: 0.3, seed: 11 });
    const run1 = await runWith(lines, first, 1);
    expect(run1.summary.failed).toBeGreaterThan(10);
    const deadLetters = (await readFile(first, "utf8")).split("\n").filter((line) => line !== "");
    expect(deadLetters).toHaveLength(run1.summary.failed);

    // The replay, as docs/delivery.md says, into a second dead-letter file; retried until every event has landed.
    const run2 = await runWith(deadLetters, join(dir, "still-failing.jsonl"), 40, first);
    expect(run2.summary.failed).toBe(0);
    const latestDelivered = new Map<string, number>();
    for (const r of run1.results.filter((r) => r.status === "delivered"))
      latestDelivered.set(personOf(r.line), Math.max(latestDelivered.get(personOf(r.line)) ?? 0, r.line));
    for (const r of run2.results) {
      const original = lines.indexOf(deadLetters[r.line - 1]!) + 1;
      const later = original > (latestDelivered.get(personOf(original)) ?? 0);
      expect(r.status).toBe(later ? "delivered" : "dropped");
      if (!later) expect(r.reason).toMatch(/^superseded: a later event of this person was delivered/);
    }
    expect(run2.results.some((r) => r.status === "dropped")).toBe(true);
    // No person ends on an older value: every one holds their last event's title.
    const titles = new Map(emulator.people().map((person) => [person.email_address, person.title]));
    expect(PEOPLE.map((email) => titles.get(email))).toEqual(PEOPLE.map(() => `v${VERSIONS}`));
  });
});

const personOf = (line: number) => PEOPLE[(line - 1) % PEOPLE.length]!;
