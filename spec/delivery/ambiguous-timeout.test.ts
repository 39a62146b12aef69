// After an attempt that may or may not have been applied (a timeout), the person's latest event still lands last.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isAmbiguous } from "../../delivery/ambiguity.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import { sendWithRetries } from "../../delivery/retry-loop.js";
import { DEFAULT_RETRY_POLICY, decideRetry } from "../../delivery/retry-policy.js";
import type { RequestSender, SendReport } from "../../delivery/sender.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { API_KEY, deliverTo, emulatorFor } from "./helpers/harness.js";
import { manualClock } from "./helpers/manual-clock.js";
import { leadLine, testPreset } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const timeout = { kind: "error", code: "ATTEMPT_TIMEOUT", message: "no complete answer" } as const;

describe("an ambiguous attempt", () => {
  it("is a timeout, a reset or a 504, not a refused connection or a 503", () => {
    expect(isAmbiguous({ kind: "error", code: "ATTEMPT_TIMEOUT" })).toBe(true);
    expect(isAmbiguous({ kind: "error", code: "ECONNRESET" })).toBe(true);
    expect(isAmbiguous({ kind: "response", status: 504 })).toBe(true);
    expect(isAmbiguous({ kind: "error", code: "ECONNREFUSED" })).toBe(false);
    expect(isAmbiguous({ kind: "response", status: 503 })).toBe(false);
  });

  it("is retried only after the ambiguity window, whatever the backoff says", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, ambiguityWindowMs: 40_000 };
    const state = { attempt: 1, elapsedMs: 15_000, nowMs: 0, random: () => 0.5 };
    expect(decideRetry(policy, { kind: "error", code: "ATTEMPT_TIMEOUT" }, state)).toMatchObject({
      action: "retry",
      delayMs: 40_000,
    });
    expect(decideRetry(policy, { kind: "error", code: "ECONNREFUSED" }, state)).toMatchObject({ delayMs: 250 });
  });

  it("that ends the retries leaves the request unsettled until the window has passed", async () => {
    const clock = manualClock();
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1, ambiguityWindowMs: 30_000 };
    const run = await sendWithRetries(async () => timeout, { policy, clock, random: () => 0 });
    expect(run.gaveUp).toMatch(/ATTEMPT_TIMEOUT/);
    expect(run.unsettledUntil).toBe(clock.now() + 30_000);
  });
});

describe("a read that times out", () => {
  it("is retried without the window: it changes nothing at the destination", async () => {
    let calls = 0;
    // The first request is never answered; the second is.
    const server = createServer((_request, response) => void (++calls > 1 && response.end("{}")));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/thing`;
    // A manual clock that is never advanced: any ambiguity wait would never end.
    const policy = { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 200, baseDelayMs: 0, ambiguityWindowMs: 600_000 };
    const sender = createHttpSender({ policy, clock: manualClock(), random: () => 0 });
    try {
      const report = await sender.send({ method: "GET", url, headers: {} }, {});
      expect(report).toMatchObject({ status: "delivered", attempts: 2 });
    } finally {
      await sender.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("deliver after an ambiguous failure", () => {
  it("sends none of the person's later events until the window has passed; other people go on", async () => {
    const clock = manualClock();
    const sent: string[] = [];
    const sender: RequestSender = {
      async send(request) {
        const body = request.body as { email_address: string; title?: string };
        sent.push(`${body.email_address}:${body.title}`);
        if (body.title === "First") return failed(clock.now() + 60_000);
        return { status: "delivered", attempts: 1, rateLimited: 0, warnings: [], interrupted: false };
      },
      orderKey: (request) => (request.body as { email_address: string }).email_address,
      close: async () => undefined,
    };
    const preset = testPreset();
    const settings = preset.validateSettings({ api_key: API_KEY });
    if (!settings.ok) throw new Error(settings.problems.join("; "));
    const lines = [
      leadLine("p@example.com", { title: "First" }),
      leadLine("p@example.com", { title: "Second" }),
      leadLine("q@example.com", { title: "Other" }),
    ];
    const run = deliverEvents(lines, { preset, settings: settings.settings, sender, clock });
    await clock.advance(59_000);
    expect(sent).toEqual(["p@example.com:First", "q@example.com:Other"]);
    await clock.advance(1_000);
    const summary = await run;
    expect(sent).toEqual(["p@example.com:First", "q@example.com:Other", "p@example.com:Second"]);
    expect(summary).toMatchObject({ delivered: 2, failed: 1 });
  });

  it("lands the second of two updates last when the first is applied late, behind a timeout", async () => {
    // The emulator holds the first upsert 2 s and applies it then; the attempt times out after 1 s (time enough for
    // the request to arrive on a loaded machine); the window (4 s) is longer than the hold, as it must be.
    emulator = await emulatorFor({ failNext: [{ delayMs: 2_000 }] });
    const lines = [
      leadLine("late@example.com", { title: "First title" }),
      leadLine("late@example.com", { title: "Second title" }),
    ];
    const { results } = await deliverTo(emulator, lines, {
      policy: { attemptTimeoutMs: 1_000, ambiguityWindowMs: 4_000 },
    });
    // Whatever the run did, the held request is applied in the end: wait for it before reading the final state.
    await vi.waitFor(() => expect(emulator!.requests()).toHaveLength(3), { timeout: 10_000 });
    expect(results.map((r) => r.status)).toEqual(["delivered", "delivered"]);
    expect(results[0]!.attempts).toBe(2);
    expect(emulator.people()).toHaveLength(1);
    expect(emulator.people()[0]).toMatchObject({ email_address: "late@example.com", title: "Second title" });
    // The held request was applied before the retry and the second event were sent.
    const titles = emulator.requests().map((r) => (r.body as { title?: string }).title);
    expect(titles).toEqual(["First title", "First title", "Second title"]);
  });
});

function failed(unsettledUntil: number): SendReport {
  const error = "no answer within 15 s";
  return { status: "failed", attempts: 1, rateLimited: 0, warnings: [], interrupted: false, error, unsettledUntil };
}
