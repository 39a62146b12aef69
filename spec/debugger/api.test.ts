// The debugger's HTTP API on a real server: auth, same-origin, masking, filters, replay, live push, and no secrets.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { maskEmail } from "../../serve/debugger/views.js";
import type { EventDetail, EventList, IntegrationsAnswer } from "../../serve/debugger/api-types.js";
import { adminAuth, ADMIN_PASSWORD, delivered, rejected, startHarness, type Harness } from "./harness.js";

let hx: Harness;
beforeEach(async () => {
  hx = await startHarness();
  hx.registry.add("salesloft", "live");
});
afterEach(async () => hx.close());

const get = (path: string, headers: Record<string, string> = { Authorization: adminAuth }) =>
  fetch(`${hx.url}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${hx.url}${path}`, {
    method: "POST",
    headers: { Authorization: adminAuth, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const lead = (email: string, event = "Lead Generated") => ({
  event,
  userId: "u1",
  properties: { lead_source: "Website Contact Form" },
  context: { traits: { email, first_name: "Jane" } },
});

async function storedIds(): Promise<number[]> {
  return (await hx.store.recent(50)).map((v) => v.id);
}

describe("access", () => {
  it("answers 401 with a Basic challenge without credentials or with a wrong password, on pages and API", async () => {
    for (const path of ["/debugger", "/integrations", "/api/events", "/api/integrations", "/debugger/assets/app.js"]) {
      const none = await get(path, {});
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
      const wrong = await get(path, { Authorization: `Basic ${Buffer.from("admin:guess").toString("base64")}` });
      expect(wrong.status).toBe(401);
    }
    const otherUser = await get("/api/events", {
      Authorization: `Basic ${Buffer.from("root:correct horse battery staple").toString("base64")}`,
    });
    expect(otherUser.status).toBe(401);
  });

  it("refuses everything when the configured password is empty", async () => {
    await hx.close();
    hx = await startHarness({ deps: { adminPassword: "" } });
    expect(
      (await get("/api/events", { Authorization: `Basic ${Buffer.from("admin:").toString("base64")}` })).status,
    ).toBe(401);
  });

  it("serves pages with a same-origin Content-Security-Policy and no CORS headers", async () => {
    const page = await get("/debugger", { Authorization: adminAuth, Origin: "https://evil.example" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
    const html = await page.text();
    expect(html).toContain('src="/debugger/assets/app.js"');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("refuses a state-changing request from another origin, and a form-encoded one", async () => {
    const cross = await post("/api/integrations/salesloft/pause", {}, { Origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    const site = await post("/api/integrations/salesloft/pause", {}, { "Sec-Fetch-Site": "cross-site" });
    expect(site.status).toBe(403);
    const form = await post(
      "/api/integrations/salesloft/pause",
      {},
      { "Content-Type": "application/x-www-form-urlencoded" },
    );
    expect(form.status).toBe(400);
    expect(hx.registry.items.get("salesloft")!.paused).toBe(false);
    const same = await post("/api/integrations/salesloft/pause", {}, { Origin: hx.url });
    expect(same.status).toBe(200);
    expect(hx.registry.items.get("salesloft")!.paused).toBe(true);
  });
});

describe("events", () => {
  it("masks the email unless asked, and shows the delivered status with the destination's id", async () => {
    expect((await hx.post("/v1/track", lead("Jane.Doe@Example.com "))).status).toBe(200);
    const [id] = await storedIds();
    await hx.complete(id, "salesloft", delivered(1234, "jane.doe@example.com"));
    const list = (await (await get("/api/events")).json()) as EventList;
    expect(list.events[0]).toMatchObject({ id, type: "track", event: "Lead Generated", email: "j***@example.com" });
    expect(list.events[0].outcomes[0]).toMatchObject({ state: "delivered", httpStatus: 200, destinationId: "1234" });
    const revealed = (await (await get("/api/events?reveal=1")).json()) as EventList;
    expect(revealed.events[0].email).toBe("Jane.Doe@Example.com");
  });

  it("filters by event name, outcome, integration and text, newest first", async () => {
    await hx.post("/v1/track", lead("a@example.com"));
    await hx.post("/v1/track", lead("b@example.com", "Signed Up"));
    await hx.post("/v1/identify", { userId: "c", traits: { email: "c@example.com" } });
    const [identify, signup, first] = await storedIds();
    await hx.complete(first, "salesloft", rejected(401, "401 Unauthorized: invalid key"));
    const names = async (query: string) =>
      ((await (await get(`/api/events?${query}`)).json()) as EventList).events.map((e) => e.id);
    expect(await names("")).toEqual([identify, signup, first]);
    expect(await names("event=signed%20up")).toEqual([signup]);
    expect(await names("event=Identified")).toEqual([identify]);
    expect(await names("outcome=failed&integration=salesloft")).toEqual([first]);
    expect(await names("outcome=pending")).toEqual([identify, signup]);
    expect(await names("q=b%40example")).toEqual([signup]);
    expect(await names("integration=other")).toEqual([]);
    expect((await get("/api/events?outcome=bogus")).status).toBe(400);
    const page = (await (await get("/api/events?limit=2")).json()) as EventList;
    expect(page.next).toBe(signup);
    expect(await names(`before=${page.next}`)).toEqual([first]);
  });

  it("shows an event in full: received, normalised, request, response, attempts and the explanation", async () => {
    await hx.post("/v1/track", lead("jane@example.com"));
    const [id] = await storedIds();
    await hx.complete(id, "salesloft", delivered(77, "jane@example.com"));
    const detail = (await (await get(`/api/events/${id}`)).json()) as EventDetail;
    expect(detail.received).toMatchObject({ event: "Lead Generated", type: "track" });
    expect(detail.normalized).toMatchObject({ event: "Lead Generated", traits: { email: "jane@example.com" } });
    const [salesloft] = detail.integrations;
    expect(salesloft.response).toEqual({ status: 200, body: { data: { id: 77, email_address: "jane@example.com" } } });
    expect(salesloft.request).toMatchObject({ headers: { Authorization: "Bearer [redacted]" } });
    expect(salesloft.attempts).toEqual([
      { at: expect.any(Number), durationMs: 84, httpStatus: 200, destinationId: "77" },
    ]);
    expect(salesloft.explanation).toMatchObject({ fields: expect.any(Array) });
    expect((await get("/api/events/999999")).status).toBe(404);
  });

  it("replays a failed event: its row is pending again", async () => {
    await hx.post("/v1/track", lead("jane@example.com"));
    const [id] = await storedIds();
    await hx.complete(id, "salesloft", rejected(401, "401 Unauthorized"));
    const answer = await post(`/api/events/${id}/replay`, {}, { Origin: hx.url });
    expect(await answer.json()).toEqual({ ok: true, requeued: 1, superseded: 0 });
    expect((await hx.store.event(id))!.rows[0].state).toBe("pending");
  });

  it("pushes each new or updated event's summary on the event stream", async () => {
    const controller = new AbortController();
    const res = await fetch(`${hx.url}/api/events/stream`, {
      headers: { Authorization: adminAuth },
      signal: controller.signal,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await hx.post("/v1/track", lead("jane@example.com"));
    let text = "";
    while (!text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^event: event\ndata: \{.*"email":"j\*\*\*@example\.com"/);
    controller.abort();
  });

  it("never pushes the admin password on the event stream, even in an event's name", async () => {
    const controller = new AbortController();
    const res = await fetch(`${hx.url}/api/events/stream`, {
      headers: { Authorization: adminAuth },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await hx.post("/v1/track", lead("jane@example.com", `Lead ${ADMIN_PASSWORD}`));
    let text = "";
    while (!text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain("event: event");
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).toContain("[redacted]");
    controller.abort();
  });
});

describe("integrations and secrets", () => {
  it("lists a secret only as set / not set, even when the pipeline hands its value over", async () => {
    const leaky = hx.registry.list.bind(hx.registry);
    hx.registry.list = () =>
      leaky().map((s) => ({ ...s, settings: { api_key: "sk_fixture_key_0001", default_phone_region: "GB" } }));
    const res = await get("/api/integrations");
    const text = await res.text();
    expect(text).not.toContain("sk_fixture_key_0001");
    const answer = JSON.parse(text) as IntegrationsAnswer;
    expect(answer.integrations[0]).toMatchObject({
      secrets: { api_key: true },
      settings: { default_phone_region: "GB" },
    });
  });

  it("saves a new integration without echoing its key, even if the pipeline's answer quotes it", async () => {
    hx.registry.save = async (input) => ({
      ok: false,
      problems: [`key ${String(input.settings.api_key)} was refused`],
    });
    const res = await post("/api/integrations", {
      name: "salesloft-eu",
      preset: "presets/salesloft/lead-capture.map",
      settings: { api_key: "sk_live_typed_in_once", default_phone_region: "GB" },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain("sk_live_typed_in_once");
    expect(text).toContain("[redacted]");
  });

  it("keeps a stored secret when the form leaves it empty, and asks for a required one that was never set", async () => {
    const keep = await post("/api/integrations", {
      name: "salesloft",
      preset: "presets/salesloft/lead-capture.map",
      settings: { api_key: "" },
    });
    expect(keep.status).toBe(200);
    expect(hx.registry.saved.at(-1)!.settings).toEqual({});
    const missing = await post("/api/integrations", {
      name: "new-one",
      preset: "presets/salesloft/lead-capture.map",
      settings: {},
    });
    expect(await missing.json()).toEqual({ ok: false, problems: ["api_key is required"] });
    const bad = await post("/api/integrations", { name: "../x", preset: "nope.map", settings: { api_key: "k" } });
    expect(((await bad.json()) as { problems: string[] }).problems).toHaveLength(2);
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain", () => {
    expect(maskEmail("Jane.Doe@Example.com ")).toBe("j***@example.com");
    expect(maskEmail("x@y.z")).toBe("x***@y.z");
    expect(maskEmail("not-an-email")).toBe("n***");
    expect(maskEmail("")).toBe("");
  });
});
