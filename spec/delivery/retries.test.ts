import { createServer } from "node:net";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { acceleratedClock } from "../../delivery/clock.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { API_KEY, deliverTo, emulatorFor } from "./helpers/harness.js";
import { leadLine } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const at = (h: number, m: number, s: number) => Date.UTC(2025, 0, 6, h, m, s);
const upserts = (e: Emulator) => e.requests().filter((r) => r.path === "/v2/person_upserts");

describe("server errors and dropped connections", () => {
  it("are retried, and the lead lands exactly once", async () => {
    emulator = await emulatorFor({ failNext: [{ status: 503 }, "drop", { status: 500 }, { status: 502 }] });
    const { results } = await deliverTo(emulator, [leadLine("retry@example.com")]);
    expect(results[0]).toMatchObject({ status: "delivered", httpStatus: 200, attempts: 5 });
    expect(emulator.people()).toHaveLength(1);
  });

  it("fail with the last cause once attempts run out", async () => {
    emulator = await emulatorFor({ failNext: [{ status: 503 }, { status: 503 }] });
    const { results } = await deliverTo(emulator, [leadLine("down@example.com")], { policy: { maxAttempts: 2 } });
    expect(results[0]).toMatchObject({ status: "failed", httpStatus: 503, attempts: 2 });
    expect(results[0]!.error).toContain("HTTP 503 from Salesloft after 2 attempts");
    expect(emulator.people()).toHaveLength(0);
  });

  it("are not retried when the answer is 501", async () => {
    emulator = await emulatorFor({ failNext: [{ status: 501 }] });
    const { results } = await deliverTo(emulator, [leadLine("x@example.com")]);
    expect(results[0]).toMatchObject({ status: "failed", httpStatus: 501, attempts: 1 });
  });

  it("time out, are retried, and fail with an actionable message when the server never answers in time", async () => {
    emulator = await emulatorFor({ latencyMs: 300 });
    const policy = { maxAttempts: 2, attemptTimeoutMs: 60 };
    const { results } = await deliverTo(emulator, [leadLine("slow@example.com")], { policy });
    expect(results[0]).toMatchObject({ status: "failed", attempts: 2 });
    expect(results[0]!.error).toMatch(
      /no answer from http:\/\/127\.0\.0\.1:\d+ in time \(ATTEMPT_TIMEOUT: no complete answer within 60 ms\) after 2 attempts/,
    );
  });

  it("report a refused connection after retrying it", async () => {
    emulator = await emulatorFor();
    const closedPort = await freePort();
    const url = `http://127.0.0.1:${closedPort}`;
    const { results } = await deliverTo({ ...emulator, url }, [leadLine("x@example.com")], {
      policy: { maxAttempts: 2 },
    });
    expect(results[0]).toMatchObject({ status: "failed", attempts: 2 });
    expect(results[0]!.error).toContain(`could not reach ${url} (ECONNREFUSED`);
  });
});

describe("429 Too Many Requests is waited out", () => {
  it("waits the Retry-After the server sends", async () => {
    const clock = acceleratedClock(50, at(12, 0, 10));
    emulator = await emulatorFor({ failNext: [{ status: 429, headers: { "retry-after": "2" } }] }, clock);
    const { results, summary } = await deliverTo(emulator, [leadLine("ra@example.com")], { clock });
    expect(results[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(summary.rateLimited).toBe(1);
    const [limited, landed] = upserts(emulator);
    expect(landed!.time - limited!.time).toBeGreaterThanOrEqual(2_000);
  });

  it("without Retry-After waits for the next minute by the server's Date header", async () => {
    const clock = acceleratedClock(50, at(12, 0, 57));
    emulator = await emulatorFor({ failNext: [{ status: 429 }] }, clock);
    const { results } = await deliverTo(emulator, [leadLine("window@example.com")], { clock });
    expect(results[0]).toMatchObject({ status: "delivered", attempts: 2 });
    expect(upserts(emulator)[1]!.time).toBeGreaterThanOrEqual(at(12, 1, 0));
  });

  it.each([false, true])(
    "from the team limit (Retry-After header: %s) still lands every lead",
    async (retryAfterHeader) => {
      const clock = acceleratedClock(100, at(12, 0, 50));
      emulator = await emulatorFor({ rateLimitPerMinute: 3, retryAfterHeader }, clock);
      const lines = Array.from({ length: 6 }, (_, i) => leadLine(`team${i}@example.com`));
      const { summary } = await deliverTo(emulator, lines, { clock });
      expect(summary).toMatchObject({ delivered: 6, failed: 0 });
      expect(summary.rateLimited).toBeGreaterThan(0);
      expect(emulator.people()).toHaveLength(6);
    },
  );

  it("is never caused by us when other integrations have used part of the team's limit", async () => {
    const clock = acceleratedClock(100, at(12, 0, 30));
    const otherKey = "sk-other-integration";
    emulator = await emulatorFor(
      {
        rateLimitPerMinute: 5,
        apiKeys: {
          [API_KEY]: { team: "team-1", scopes: ["people"] },
          [otherKey]: { team: "team-1", scopes: ["people"] },
        },
      },
      clock,
    );
    for (let i = 0; i < 3; i++) {
      const answer = await request(`${emulator.url}/v2/people`, { headers: { authorization: `Bearer ${otherKey}` } });
      await answer.body.dump();
    }
    const lines = Array.from({ length: 4 }, (_, i) => leadLine(`shared${i}@example.com`));
    const { summary } = await deliverTo(emulator, lines, { clock, concurrency: 1 });
    expect(summary).toMatchObject({ delivered: 4, rateLimited: 0 });
    expect(emulator.requests().filter((r) => r.status === 429)).toHaveLength(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
