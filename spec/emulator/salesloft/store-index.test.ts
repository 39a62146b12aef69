// The emulator's People are indexed by email and crm_id: lookups follow creates, updates that change the field, and
// resets, and they never read other people (an upsert costs the same however full the store is).

import { describe, expect, it } from "vitest";
import { PersonStore } from "../../../presets/salesloft/emulator/store.js";

const T = "2026-01-01T00:00:00Z";

describe("PersonStore's index", () => {
  it("finds a person by email and crm_id, sorted by id, after creates", () => {
    const store = new PersonStore();
    const a = store.create({ email_address: "a@x.com", crm_id: "c1" }, T);
    store.create({ email_address: "b@x.com" }, T);
    const c = store.create({ email_address: "a@x.com" }, T);
    expect(store.findBy("email_address", "a@x.com").map((p) => p.id)).toEqual([a.id, c.id]);
    expect(store.findBy("crm_id", "c1").map((p) => p.id)).toEqual([a.id]);
    expect(store.findBy("email_address", "A@x.com")).toEqual([]);
  });

  it("follows an update that changes the email, and a reset", () => {
    const store = new PersonStore();
    const a = store.create({ email_address: "old@x.com" }, T);
    store.update(a.id, { email_address: "new@x.com" }, T);
    expect(store.findBy("email_address", "old@x.com")).toEqual([]);
    expect(store.findBy("email_address", "new@x.com").map((p) => p.id)).toEqual([a.id]);
    store.update(a.id, { title: "CTO" }, T);
    expect(store.findBy("email_address", "new@x.com")[0]?.title).toBe("CTO");
    store.reset();
    expect(store.findBy("email_address", "new@x.com")).toEqual([]);
  });

  it("returns copies: changing a found person does not change the store or its index", () => {
    const store = new PersonStore();
    store.create({ email_address: "a@x.com" }, T);
    store.findBy("email_address", "a@x.com")[0]!.email_address = "z@x.com";
    expect(store.findBy("email_address", "a@x.com")).toHaveLength(1);
  });

  it("looks up without reading other people", () => {
    const store = new PersonStore();
    for (let i = 0; i < 2000; i++) store.create({ email_address: `p${i}@x.com` }, T);
    // Count reads of stored people's email field during one lookup.
    let reads = 0;
    const people = (store as unknown as { people: Map<number, Record<string, unknown>> }).people;
    for (const person of people.values()) {
      const value = person.email_address;
      Object.defineProperty(person, "email_address", {
        get: () => ((reads += 1), value),
        enumerable: true,
        configurable: true,
      });
    }
    expect(store.findBy("email_address", "p1999@x.com")).toHaveLength(1);
    // structuredClone of the one match reads it once; a scan would read all 2000.
    expect(reads).toBeLessThanOrEqual(1);
  });
});
