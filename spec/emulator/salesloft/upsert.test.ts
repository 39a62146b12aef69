// Person upserts: create then update on email, both response shapes, both paths, form bodies and every rejection.

import { describe, expect, it } from "vitest";
import { SEED_BODY, call, emulatorFor, upsert } from "./helpers.js";

describe("POST /v2/person_upserts", () => {
  it("creates a person, then updates the same id when the email is resubmitted (seed shape)", async () => {
    const emulator = await emulatorFor();
    const created = await upsert(emulator, SEED_BODY);
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ id: 1001, email_address: "jane.doe@example.com", first_name: "Jane" });

    const updated = await upsert(emulator, { ...SEED_BODY, title: "CMO", custom_fields: { utm_source: "bing" } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ id: 1001, title: "CMO" });
    // Custom fields merge key by key; the ones not resent survive.
    expect(updated.body.data.custom_fields).toEqual({ utm_source: "bing", utm_medium: "cpc", utm_campaign: "brand" });
    expect(emulator.people()).toHaveLength(1);
  });

  it("answers in the OpenAPI shape with upsert_type create, then update", async () => {
    const emulator = await emulatorFor({ responseShape: "openapi" });
    const created = await upsert(emulator, SEED_BODY);
    expect(created.body.data.upsert_type).toBe("create");
    expect(created.body.data.person).toMatchObject({ id: 1001, email_address: "jane.doe@example.com" });
    const updated = await upsert(emulator, { upsert_key: "email_address", email_address: "jane.doe@example.com" });
    expect(updated.body.data).toMatchObject({ upsert_type: "update", person: { id: 1001, first_name: "Jane" } });
  });

  it("serves the .json spelling of the path the OpenAPI definition uses", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, SEED_BODY, { path: "/v2/person_upserts.json" });
    expect(response.status).toBe(200);
    expect(response.body.data.id).toBe(1001);
  });

  it("stores the seed example in full, with timestamps and the default do_not_contact", async () => {
    const emulator = await emulatorFor({ now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    await upsert(emulator, { upsert_key: "email_address", email_address: "x@example.com", city: "Leeds" });
    expect(emulator.people()).toEqual([
      {
        id: 1001,
        email_address: "x@example.com",
        first_name: null,
        last_name: null,
        phone: null,
        title: null,
        person_company_name: null,
        do_not_contact: false,
        tags: [],
        custom_fields: {},
        city: "Leeds",
        created_at: "2026-01-02T03:04:05.000Z",
        updated_at: "2026-01-02T03:04:05.000Z",
      },
    ]);
  });

  it("matches email case-sensitively, as stored, so a differently cased email is a new person", async () => {
    const emulator = await emulatorFor();
    await upsert(emulator, SEED_BODY);
    const other = await upsert(emulator, { ...SEED_BODY, email_address: "Jane.Doe@example.com" });
    expect(other.body.data.id).toBe(1002);
  });

  it("replaces tags on update", async () => {
    const emulator = await emulatorFor();
    await upsert(emulator, SEED_BODY);
    await upsert(emulator, { ...SEED_BODY, tags: ["Webinar"] });
    expect(emulator.people()[0].tags).toEqual(["Webinar"]);
  });

  it("accepts a form-encoded body with Rails-style arrays and nested custom fields", async () => {
    const emulator = await emulatorFor();
    const rawBody =
      "upsert_key=email_address&email_address=f%40example.com&do_not_contact=true" +
      "&tags[]=a&tags[]=b&custom_fields[utm_source]=newsletter";
    const response = await call(emulator, "POST", "/v2/person_upserts", {
      rawBody,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      email_address: "f@example.com",
      do_not_contact: true,
      tags: ["a", "b"],
      custom_fields: { utm_source: "newsletter" },
    });
  });

  it("creates a person from phone and last name alone, but not from a first name alone", async () => {
    const emulator = await emulatorFor();
    const byPhone = await upsert(emulator, { phone: "+447700900123", last_name: "Doe" });
    expect(byPhone.status).toBe(200);
    const nameOnly = await upsert(emulator, { first_name: "Jane" });
    expect(nameOnly).toMatchObject({ status: 422, body: { errors: { email_address: ["can't be blank"] } } });
  });

  it("refuses an email upsert without an email address with 422 can't be blank", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, { upsert_key: "email_address", first_name: "Jane" });
    expect(response).toMatchObject({ status: 422, body: { errors: { email_address: ["can't be blank"] } } });
    expect(emulator.people()).toEqual([]);
  });

  it("refuses an unknown upsert_key with 422 on upsert_key", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, { ...SEED_BODY, upsert_key: "email" });
    expect(response.status).toBe(422);
    expect(response.body.errors.upsert_key[0]).toContain("email_address");
  });

  it("without an upsert_key never updates: a known email is already taken", async () => {
    const emulator = await emulatorFor();
    await upsert(emulator, SEED_BODY);
    const { upsert_key: _key, ...withoutKey } = SEED_BODY;
    const response = await upsert(emulator, withoutKey);
    expect(response).toMatchObject({ status: 422, body: { errors: { email_address: ["is already taken"] } } });
  });

  it("updates by id and answers 404 for an id it does not have", async () => {
    const emulator = await emulatorFor();
    await upsert(emulator, SEED_BODY);
    const byId = await upsert(emulator, { upsert_key: "id", id: 1001, title: "CEO" });
    expect(byId.body.data).toMatchObject({ id: 1001, title: "CEO", email_address: "jane.doe@example.com" });
    const missing = await upsert(emulator, { upsert_key: "id", id: 4242, title: "CEO" });
    expect(missing).toMatchObject({ status: 404, body: { error: "Not Found" } });
  });

  it("rejects custom_fields keys the tenant lacks with 422, naming each missing key", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, {
      ...SEED_BODY,
      custom_fields: { utm_source: "google", lead_score: "9", region: "EU" },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.custom_fields).toEqual([
      "Custom field 'lead_score' does not exist",
      "Custom field 'region' does not exist",
    ]);
    expect(emulator.people()).toEqual([]);
  });

  it("can reject unknown custom fields with 400 instead, still naming the key", async () => {
    const emulator = await emulatorFor({ unknownCustomFieldStatus: 400 });
    const response = await upsert(emulator, { ...SEED_BODY, custom_fields: { lead_score: "9" } });
    expect(response).toMatchObject({ status: 400, body: { error: "Custom field 'lead_score' does not exist" } });
  });

  it("accepts custom fields added to the tenant at run time", async () => {
    const emulator = await emulatorFor({ customFields: [] });
    expect((await upsert(emulator, SEED_BODY)).status).toBe(422);
    emulator.set({ customFields: ["utm_source", "utm_medium", "utm_campaign"] });
    expect((await upsert(emulator, SEED_BODY)).status).toBe(200);
  });

  it("answers 400 with an error message for a body that is not JSON", async () => {
    const emulator = await emulatorFor();
    const response = await call(emulator, "POST", "/v2/person_upserts", { rawBody: '{"upsert_key": ' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/Invalid JSON/);
    expect(emulator.requests()[0].body).toBe('{"upsert_key": ');
  });

  it("answers 422 naming the field for a value of the wrong type", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, { ...SEED_BODY, do_not_contact: "yes", tags: "Website" });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.errors).sort()).toEqual(["do_not_contact", "tags"]);
  });

  it("answers 404 with an error body for any other path or method", async () => {
    const emulator = await emulatorFor();
    expect(await call(emulator, "GET", "/v2/person_upserts")).toMatchObject({
      status: 404,
      body: { error: "Not Found" },
    });
    expect((await call(emulator, "POST", "/v2/accounts", { body: {} })).status).toBe(404);
  });
});
