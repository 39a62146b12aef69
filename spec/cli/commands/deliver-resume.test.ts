// What deliver says after stopping early: how many events were not sent and the exact line to resume from.

import { describe, expect, it } from "vitest";
import { ResumeTracker } from "../../../cli/commands/deliver-resume.js";
import type { DeliveryResult, DeliverySummary } from "../../../delivery/results.js";

function result(line: number, status: DeliveryResult["status"]): DeliveryResult {
  return { messageId: `m${line}`, line, status, attempts: 1, warnings: [] };
}

const SUMMARY: DeliverySummary = {
  total: 4,
  delivered: 2,
  dropped: 0,
  failed: 2,
  interrupted: 2,
  rateLimited: 0,
  attempts: 4,
  elapsedMs: 10,
  linesRead: 6,
  stoppedEarly: true,
};

describe("ResumeTracker", () => {
  const tracker = new ResumeTracker();
  for (const [line, status] of [
    [1, "delivered"],
    [3, "failed"],
    [4, "delivered"],
    [5, "failed"],
  ] as const)
    tracker.add(result(line, status));

  it("without a dead-letter file, resumes from the first unsent line", () => {
    expect(tracker.message(SUMMARY, undefined, true)).toMatch(
      /^2 events were not sent; resume with the same command plus --from-line 3 /,
    );
  });

  it("with one, resumes the unread input and replays the file", () => {
    expect(tracker.message(SUMMARY, "dead.jsonl", true)).toBe(
      "2 events were not sent; resume with the same command plus --from-line 7 for the unread input, and replay the dead-letter file dead.jsonl\n",
    );
  });

  it("says nothing when the run neither stopped early nor lost its output", () => {
    expect(tracker.message({ ...SUMMARY, stoppedEarly: false }, undefined, false)).toBeUndefined();
  });
});
