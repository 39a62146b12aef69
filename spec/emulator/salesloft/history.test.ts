// What the emulator records for order and rate checks: each person's updates in order, and requests per minute.

import { describe, expect, it } from "vitest";
import { emulatorFor, upsert } from "./helpers.js";

const MINUTE_START = Date.UTC(2026, 0, 1, 12, 0, 0);

const lead = (email: string, title: string) => ({ upsert_key: "email_address", email_address: email, title });

describe("person updates", () => {
  it("keeps each person's applied upserts in the order they arrived, with the fields sent", async () => {
    let clock = MINUTE_START;
    const emulator = await emulatorFor({ now: () => clock });
    for (const [email, title] of [
      ["a@example.com", "a1"],
      ["b@example.com", "b1"],
      ["a@example.com", "a2"],
      ["a@example.com", "a3"],
    ]) {
      clock += 1_000;
      expect((await upsert(emulator, lead(email, title))).status).toBe(200);
    }
    const [a, b] = emulator.people();
    const updates = emulator.updates();
    expect(updates.get(a.id)!.map((u) => u.fields.title)).toEqual(["a1", "a2", "a3"]);
    expect(updates.get(a.id)!.map((u) => u.at)).toEqual([
      MINUTE_START + 1_000,
      MINUTE_START + 3_000,
      MINUTE_START + 4_000,
    ]);
    expect(updates.get(b.id)).toEqual([
      { personId: b.id, at: MINUTE_START + 2_000, fields: { email_address: "b@example.com", title: "b1" } },
    ]);
  });

  it("records no update for a rejected upsert", async () => {
    const emulator = await emulatorFor({ now: () => MINUTE_START });
    expect((await upsert(emulator, { upsert_key: "email_address", title: "no email" })).status).toBe(422);
    expect(emulator.updates().size).toBe(0);
  });

  it("forgets the oldest updates beyond record.maxUpdates, and all of them on reset", async () => {
    const emulator = await emulatorFor({ now: () => MINUTE_START, record: { maxUpdates: 2 } });
    for (const title of ["t1", "t2", "t3"]) await upsert(emulator, lead("a@example.com", title));
    expect([...emulator.updates().values()][0].map((u) => u.fields.title)).toEqual(["t2", "t3"]);
    emulator.reset();
    expect(emulator.updates().size).toBe(0);
  });
});

describe("requests per minute", () => {
  it("counts every request of a team per clock minute, refused ones too", async () => {
    let clock = MINUTE_START + 59_000;
    const emulator = await emulatorFor({ now: () => clock, rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await upsert(emulator, lead("a@example.com", `t${i}`))).status);
    clock = MINUTE_START + 60_000;
    statuses.push((await upsert(emulator, lead("a@example.com", "t3"))).status);
    expect(statuses).toEqual([200, 200, 429, 200]);
    expect(emulator.requestsPerMinute()).toEqual([
      { team: "team-1", windowStart: MINUTE_START, requests: 3, refused: 1 },
      { team: "team-1", windowStart: MINUTE_START + 60_000, requests: 1, refused: 0 },
    ]);
    emulator.reset();
    expect(emulator.requestsPerMinute()).toEqual([]);
  });
});
