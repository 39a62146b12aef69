// GET /v2/custom_fields and GET /v2/people: the FACTS shapes and page-number paging.

import { describe, expect, it } from "vitest";
import { SEED_BODY, call, emulatorFor, upsert } from "./helpers.js";

describe("GET /v2/custom_fields", () => {
  it("lists the default person custom fields in the FACTS shape", async () => {
    const emulator = await emulatorFor({ now: () => Date.UTC(2026, 4, 1) });
    const response = await call(emulator, "GET", "/v2/custom_fields.json?field_type=person");
    expect(response.status).toBe(200);
    expect(response.body.metadata.paging).toEqual({ per_page: 25, current_page: 1, next_page: null, prev_page: null });
    expect(response.body.data.map((field: { name: string }) => field.name)).toEqual([
      "utm_source",
      "utm_medium",
      "utm_campaign",
      "signal_landing_page",
      "signup_method",
    ]);
    expect(response.body.data[0]).toEqual({
      id: 501,
      name: "utm_source",
      field_type: "person",
      value_type: "text",
      created_at: "2026-05-01T00:00:00.000Z",
      updated_at: "2026-05-01T00:00:00.000Z",
    });
  });

  it("pages through the fields with per_page and page, capping per_page at 100", async () => {
    const names = Array.from({ length: 130 }, (_, index) => `field_${index + 1}`);
    const emulator = await emulatorFor({ customFields: names });
    const seen: string[] = [];
    let page: number | null = 1;
    const pagings = [];
    while (page !== null) {
      const response = await call(emulator, "GET", `/v2/custom_fields?field_type=person&per_page=50&page=${page}`);
      pagings.push(response.body.metadata.paging);
      seen.push(...response.body.data.map((field: { name: string }) => field.name));
      page = response.body.metadata.paging.next_page;
    }
    expect(seen).toEqual(names);
    expect(pagings.map((paging) => [paging.current_page, paging.prev_page, paging.next_page])).toEqual([
      [1, null, 2],
      [2, 1, 3],
      [3, 2, null],
    ]);
    const capped = await call(emulator, "GET", "/v2/custom_fields?per_page=1000&include_paging_counts=true");
    expect(capped.body.data).toHaveLength(100);
    expect(capped.body.metadata.paging).toMatchObject({ per_page: 100, total_count: 130, total_pages: 2 });
  });

  it("returns nothing for another field type and needs a valid key", async () => {
    const emulator = await emulatorFor();
    expect((await call(emulator, "GET", "/v2/custom_fields?field_type=account")).body.data).toEqual([]);
    expect((await call(emulator, "GET", "/v2/custom_fields", { token: null })).status).toBe(401);
  });
});

describe("GET /v2/people", () => {
  it("lists people sorted by id, filters by email and pages", async () => {
    const emulator = await emulatorFor();
    for (const email of ["c@example.com", "a@example.com", "b@example.com"]) {
      await upsert(emulator, { ...SEED_BODY, email_address: email });
    }
    const all = await call(emulator, "GET", "/v2/people.json");
    expect(all.body.data.map((person: { id: number }) => person.id)).toEqual([1001, 1002, 1003]);

    const filtered = await call(emulator, "GET", "/v2/people?email_addresses[]=b@example.com&email_addresses[]=x@y.z");
    expect(filtered.body.data).toHaveLength(1);
    expect(filtered.body.data[0]).toMatchObject({ id: 1003, email_address: "b@example.com" });

    const second = await call(emulator, "GET", "/v2/people?per_page=2&page=2");
    expect(second.body.data.map((person: { id: number }) => person.id)).toEqual([1003]);
    expect(second.body.metadata.paging).toMatchObject({ current_page: 2, prev_page: 1, next_page: null });
  });

  it("forgets people and requests on reset, numbering from 1001 again", async () => {
    const emulator = await emulatorFor();
    await upsert(emulator, SEED_BODY);
    emulator.reset();
    expect(emulator.people()).toEqual([]);
    expect(emulator.requests()).toEqual([]);
    expect((await upsert(emulator, SEED_BODY)).body.data.id).toBe(1001);
  });
});
