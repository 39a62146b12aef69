import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { API_KEY, deliverTo, emulatorFor, senderFor } from "./helpers/harness.js";
import { leadLine } from "./helpers/test-preset.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("a lead lands in Salesloft", () => {
  it.each(["seed", "openapi"] as const)(
    "and a resubmission updates the same person (%s answer shape)",
    async (shape) => {
      emulator = await emulatorFor({ responseShape: shape });
      const first = await deliverTo(emulator, [leadLine(" Jane.Doe@Example.com ", { title: "Head of Marketing" })]);
      const second = await deliverTo(emulator, [leadLine("jane.doe@example.com", { title: "VP Marketing" })]);
      expect(first.results[0]).toMatchObject({ status: "delivered", httpStatus: 200, attempts: 1 });
      expect(first.results[0]!.personId).toBeDefined();
      expect(second.results[0]!.personId).toBe(first.results[0]!.personId);
      const people = emulator.people();
      expect(people).toHaveLength(1);
      expect(people[0]).toMatchObject({ email_address: "jane.doe@example.com", title: "VP Marketing" });
    },
  );

  it("reports a dropped event and a transform error without sending anything", async () => {
    emulator = await emulatorFor();
    const page = JSON.stringify({ type: "page", messageId: "p1" });
    const noEmail = JSON.stringify({ type: "track", event: "Lead Generated", messageId: "n1", traits: {} });
    const { results, summary } = await deliverTo(emulator, [page, noEmail, "{not json"]);
    expect(results[0]).toMatchObject({ messageId: "p1", status: "dropped", attempts: 0 });
    expect(results[1]).toMatchObject({ messageId: "n1", status: "failed", attempts: 0 });
    expect(results[1]!.error).toMatch(/^missing_required: .*traits\.email/);
    expect(results[2]).toMatchObject({ messageId: null, status: "failed", line: 3 });
    expect(results[2]!.error).toMatch(/^invalid_event: line 3 is not valid JSON/);
    expect(summary).toMatchObject({ total: 3, delivered: 0, dropped: 1, failed: 2 });
    expect(emulator.requests()).toHaveLength(0);
  });
});

describe("credentials Salesloft refuses fail at once with the seed's advice", () => {
  it("401: re-create the key", async () => {
    emulator = await emulatorFor();
    const line = leadLine("a@example.com", { source: "google" });
    const { results } = await deliverTo(emulator, [line], { apiKey: "sk-revoked-0000" });
    expect(results[0]).toMatchObject({ status: "failed", httpStatus: 401, attempts: 1 });
    expect(results[0]!.error).toContain("Re-create the key in Your Applications > API Keys and update the integration");
    expect(results[0]!.warnings).toEqual([]);
  });

  it("403: the key lacks the People scope", async () => {
    emulator = await emulatorFor({ apiKeys: { [API_KEY]: { team: "team-1", scopes: [] } } });
    const { results } = await deliverTo(emulator, [leadLine("a@example.com")]);
    expect(results[0]).toMatchObject({ status: "failed", httpStatus: 403, attempts: 1 });
    expect(results[0]!.error).toContain("People scope");
  });
});

describe("custom fields the tenant lacks", () => {
  it("are left out before sending, with a warning that names them and says how to fix it", async () => {
    emulator = await emulatorFor({ customFields: ["utm_source", "utm_campaign"] });
    const line = leadLine("lp@example.com", { source: "google", landing: "https://example.com/pricing" });
    const { results } = await deliverTo(emulator, [line]);
    expect(results[0]).toMatchObject({ status: "delivered", attempts: 1 });
    expect(results[0]!.warnings).toHaveLength(1);
    expect(results[0]!.warnings[0]).toContain("custom_fields.signal_landing_page");
    expect(results[0]!.warnings[0]).toContain(
      "Create the matching Person custom field in Salesloft, or remove that mapping",
    );
    expect(emulator.people()[0]!.custom_fields).toEqual({ utm_source: "google" });
  });

  it("lists the tenant's fields once, through every page, however many events ask at the same time", async () => {
    const many = Array.from({ length: 150 }, (_, i) => `field_${i}`);
    emulator = await emulatorFor({ customFields: [...many, "utm_source"] });
    const lines = Array.from({ length: 20 }, (_, i) =>
      leadLine(`p${i}@example.com`, { source: "google", landing: "x" }),
    );
    const { summary } = await deliverTo(emulator, lines);
    expect(summary.delivered).toBe(20);
    const listings = emulator.requests().filter((request) => request.path.startsWith("/v2/custom_fields"));
    expect(listings.map((request) => new URLSearchParams(request.query).get("page"))).toEqual(["1", "2"]);
    expect(emulator.people().every((person) => person.custom_fields?.["utm_source"] === "google")).toBe(true);
  });

  it.each([400, 422] as const)("still land when Salesloft answers %i about a field the listing had", async (status) => {
    emulator = await emulatorFor({
      customFields: ["utm_source", "signal_landing_page"],
      unknownCustomFieldStatus: status,
    });
    const sender = senderFor(emulator);
    const line = () => leadLine("late@example.com", { source: "google", landing: "https://example.com/" });
    try {
      await deliverTo(emulator, [line()], { sender });
      // The sender keeps the listing it made; the tenant loses the field after that.
      emulator.set({ customFields: ["utm_source"] });
      const { results } = await deliverTo(emulator, [line()], { sender });
      expect(results[0]).toMatchObject({ status: "delivered", httpStatus: 200, attempts: 2 });
      expect(results[0]!.warnings).toHaveLength(1);
      expect(results[0]!.warnings[0]).toContain(`answered ${status} about custom_fields.signal_landing_page`);
      expect(emulator.people()[0]!.custom_fields).toEqual({
        utm_source: "google",
        signal_landing_page: "https://example.com/",
      });
    } finally {
      await sender.close();
    }
  });
});
