// Injected trouble: scripted answers, dropped connections and seeded random server errors.

import { request } from "undici";
import { describe, expect, it, vi } from "vitest";
import type { Emulator } from "../../../presets/salesloft/emulator/index.js";
import { SEED_BODY, call, emulatorFor, upsert } from "./helpers.js";

async function statuses(emulator: Emulator, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let index = 0; index < count; index++) seen.push((await upsert(emulator, SEED_BODY)).status);
  return seen;
}

describe("failNext", () => {
  it("answers the scripted statuses, bodies and headers in order, then handles normally", async () => {
    const emulator = await emulatorFor({
      failNext: [
        { status: 503 },
        { status: 429, headers: { "retry-after": "1" } },
        { status: 422, body: { errors: { x: ["y"] } } },
      ],
    });
    const first = await upsert(emulator, SEED_BODY);
    expect(first).toMatchObject({ status: 503, body: { error: "Service Unavailable" } });
    const second = await upsert(emulator, SEED_BODY);
    expect(second).toMatchObject({ status: 429, body: { error: "API rate limit exceeded" } });
    expect(second.headers.get("retry-after")).toBe("1");
    expect(second.headers.get("x-ratelimit-endpoint-cost")).toBe("1");
    expect((await upsert(emulator, SEED_BODY)).body).toEqual({ errors: { x: ["y"] } });
    const fourth = await upsert(emulator, SEED_BODY);
    expect(fourth.status).toBe(200);
    // Scripted answers stored nothing: the first real upsert creates the first person.
    expect(fourth.body.data.id).toBe(1001);
  });

  it("applies only to upserts, so listing people does not use up the script", async () => {
    const emulator = await emulatorFor();
    emulator.set({ failNext: [{ status: 500 }] });
    expect((await call(emulator, "GET", "/v2/people")).status).toBe(200);
    expect((await upsert(emulator, SEED_BODY)).status).toBe(500);
  });

  it("can drop a scripted connection, which the client sees as a socket error", async () => {
    const emulator = await emulatorFor({ failNext: ["drop"] });
    await expect(upsert(emulator, SEED_BODY)).rejects.toThrow();
    expect((await upsert(emulator, SEED_BODY)).status).toBe(200);
    expect(emulator.requests()[0]).toMatchObject({ status: 0, dropped: true });
  });

  it("holds a delayed upsert and applies it only after the delay, even when the client gave up", async () => {
    // The client gives up well after its request has arrived (even on a loaded machine), long before the delay ends.
    const emulator = await emulatorFor({ failNext: [{ delayMs: 3_000 }] });
    const gaveUp = upsert(emulator, { ...SEED_BODY, title: "First" }, { signal: AbortSignal.timeout(500) });
    await expect(gaveUp).rejects.toThrow();
    expect(emulator.people()).toEqual([]);
    expect((await upsert(emulator, { ...SEED_BODY, title: "Second" })).status).toBe(200);
    await vi.waitFor(() => expect(emulator.requests()).toHaveLength(2), { timeout: 10_000 });
    // The held request landed last, over the later one: what a slow destination behind a proxy does.
    expect(emulator.people()[0]).toMatchObject({ title: "First" });
    expect(emulator.requests().map((r) => r.status)).toEqual([200, 200]);
  });

  it("refuses a script entry without a usable status", async () => {
    const emulator = await emulatorFor();
    expect(() => emulator.set({ failNext: [{ status: 42 }] })).toThrow(/failNext/);
    expect(() => emulator.set({ failNext: [{ delayMs: -1 }] })).toThrow(/delayMs/);
  });
});

describe("random faults", () => {
  it("with dropRate 1 destroys every connection without an answer", async () => {
    const emulator = await emulatorFor({ dropRate: 1 });
    const attempt = request(`${emulator.url}/v2/person_upserts`, {
      method: "POST",
      headers: { authorization: "Bearer test-key", "content-type": "application/json" },
      body: JSON.stringify(SEED_BODY),
    });
    await expect(attempt).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
    expect(emulator.people()).toEqual([]);
  });

  it("with a seed picks the same failing requests every run, and a different seed picks others", async () => {
    const runWith = async (seed: number) => statuses(await emulatorFor({ failureRate: 0.5, seed }), 20);
    const first = await runWith(7);
    expect(await runWith(7)).toEqual(first);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(0);
    expect(first.every((status) => [200, 500, 502, 503].includes(status))).toBe(true);
    expect(await runWith(8)).not.toEqual(first);
  });

  it("restarts the same sequence after reset", async () => {
    const emulator = await emulatorFor({ failureRate: 0.5, seed: 3 });
    const before = await statuses(emulator, 10);
    emulator.reset();
    expect(await statuses(emulator, 10)).toEqual(before);
  });

  it("answers an injected failure with a JSON error body", async () => {
    const emulator = await emulatorFor({ failureRate: 1 });
    const response = await upsert(emulator, SEED_BODY);
    expect([500, 502, 503]).toContain(response.status);
    expect(typeof response.body.error).toBe("string");
  });
});
