// The Event Debugger and Integrations page in a real browser (Debian's Chromium through playwright-core), against a
// real HTTP server with collection and SQLite. Chromium that does not start fails these tests: they are never skipped.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundleDebugger } from "../../serve/debugger/build-web.js";
import { delivered, launchChromium, rejected, startHarness, type Harness } from "./harness.js";

const IMAGES = resolve(import.meta.dirname, "../../docs/images");
const ADVICE_401 =
  "Invalid or revoked API key: re-create the key in Your Applications > API Keys and update the integration";
const ADVICE_403 = "API key missing the People scope: re-create the key with the People scope selected";

let work: string;
let assetsDir: string;
let context: BrowserContext;
let hx: Harness;
let page: Page;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "signal-map-browser-"));
  assetsDir = join(work, "assets");
  await bundleDebugger(assetsDir);
  context = await launchChromium(join(work, "profile"));
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

beforeEach(async () => {
  hx = await startHarness({ assetsDir });
  page = await context.newPage();
  page.setDefaultTimeout(8_000);
  page.on("pageerror", (error) => {
    throw error;
  });
});

afterEach(async () => {
  const t0 = Date.now();
  await page.close();
  const t1 = Date.now();
  await hx.close();
  if (Date.now() - t0 > 2000) console.error(`SLOW teardown: page ${t1 - t0} ms, server ${Date.now() - t1} ms`);
});

const lead = (email: string, traits: Record<string, string> = {}, event = "Lead Generated") => ({
  event,
  userId: email,
  messageId: `msg-${event.toLowerCase().replace(/\W+/g, "-")}-${email}`,
  properties: { lead_source: "Website Contact Form" },
  context: { traits: { email, first_name: "Jane", last_name: "Doe", ...traits } },
});

async function newestId(): Promise<number> {
  return (await hx.store.recent(1))[0].id;
}

async function openDebugger(): Promise<void> {
  await page.goto(`${hx.url}/debugger`);
  await page.locator(".live", { hasText: /^live$/ }).waitFor();
}

describe("Event Debugger", () => {
  it("shows a posted lead live, then its 200 and Person id, and the field explanation when opened", async () => {
    hx.registry.add("salesloft", "waiting");
    await openDebugger();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    expect((await hx.post("/v1/track", lead("Jane.Doe@Example.com"))).status).toBe(200);
    const row = page.locator("tr.event", { hasText: "Lead Generated" });
    await row.locator(".badge.state-pending").waitFor();
    expect(await row.locator("td.email").textContent()).toBe("j***@example.com");
    await hx.complete(await newestId(), "salesloft", delivered(1234, "jane.doe@example.com"));
    await row.locator(".badge.state-delivered", { hasText: "delivered 200 · id 1234" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    await row.click();
    const explain = page.locator("#detail .explain");
    await explain.locator("td", { hasText: "email_address <- lower(trim(traits.email))" }).waitFor();
    expect(await explain.textContent()).toContain("condition false: event is not Lead Generated");
    expect(await page.locator("#detail").textContent()).toContain('"id": 1234');

    await page.locator("label.check input[name=reveal]").check();
    await page.locator("td.email", { hasText: "Jane.Doe@Example.com" }).waitFor();
    await page.locator("label.check input[name=reveal]").uncheck();
    await fillForScreenshot();
    await page.screenshot({ path: join(mkdirOut(), "debugger.png") });
  });

  it("renders a trait holding <script> or <img onerror> as text", async () => {
    hx.registry.add("salesloft", "live");
    await openDebugger();
    const script = "<script>window.pwned = 1</script>";
    const img = '<img src="x" onerror="window.pwned = 2">';
    await hx.post("/v1/track", lead("x@example.com", { company: img, first_name: script }, script));
    const row = page.locator("tr.event").first();
    await row.locator("td.name", { hasText: script }).waitFor();
    expect(await row.locator("td.name").textContent()).toBe(script);
    await row.click();
    await page.locator("#detail h2", { hasText: script }).waitFor();
    await page.locator("#detail details.raw").first().locator("summary").click();
    expect(await page.locator("#detail pre.json").first().textContent()).toContain(img.replace(/"/g, '\\"'));
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: number }).pwned,
      scripts: document.querySelectorAll("main script").length,
      images: document.querySelectorAll("img").length,
    }));
    expect(injected).toEqual({ pwned: undefined, scripts: 0, images: 0 });
  });
});

describe("Integrations page", () => {
  it("shows an integration whose last attempt was 401 as credential rejected, with the advice", async () => {
    hx.registry.add("salesloft", "live");
    hx.registry.add("salesloft-old-key", "credential_rejected", ADVICE_401);
    hx.registry.add("salesloft-no-scope", "credential_rejected", ADVICE_403);
    hx.registry.add("salesloft-staging", "waiting");
    hx.registry.items.get("salesloft")!.lastEventAt = Date.UTC(2026, 11, 1, 9, 29, 12);
    await page.goto(`${hx.url}/integrations`);
    const card = page.locator("article.card[data-name=salesloft-old-key]");
    await card.locator(".badge", { hasText: "credential rejected" }).waitFor();
    expect(await card.locator(".advice").textContent()).toBe(ADVICE_401);
    expect(await page.locator("article.card[data-name=salesloft-no-scope] .advice").textContent()).toBe(ADVICE_403);
    expect(await page.locator("article.card[data-name=salesloft] .badge").first().textContent()).toBe("live");
    expect(await card.locator("dd.secret").textContent()).toBe("set");
    await page.locator("article.card[data-name=salesloft-staging] button", { hasText: "Pause" }).click();
    await page.locator("article.card[data-name=salesloft-staging] .badge", { hasText: "paused" }).waitFor();
    await page.screenshot({ path: join(mkdirOut(), "integrations.png"), fullPage: true });
  });

  it("adds an integration with a key and never echoes the key: not in any answer, the page or the DOM after reload", async () => {
    const key = "sk_live_Never_Echo_7f3a91";
    const bodies: string[] = [];
    page.on("response", (res) => {
      if (!(res.headers()["content-type"] ?? "").includes("event-stream"))
        void res.text().then(
          (t) => bodies.push(t),
          () => {},
        );
    });
    await page.goto(`${hx.url}/integrations`);
    await page.locator("#add").click();
    await page.locator("form.settings input[name=name]").fill("salesloft-eu");
    await page.locator("form.settings input[name=api_key]").fill(key);
    await page.locator("form.settings input[name=default_phone_region]").fill("GB");
    await page.locator("form.settings button[type=submit]").click();
    const card = page.locator("article.card[data-name=salesloft-eu]");
    await card.locator("dd.secret", { hasText: "set" }).waitFor();
    expect(hx.registry.items.get("salesloft-eu")!.secrets.get("api_key")).toBe(key);
    await expectNoKey(key);

    await page.reload();
    await card.locator("button", { hasText: "Edit" }).click();
    const field = page.locator("form.settings input[name=api_key]");
    expect(await field.inputValue()).toBe("");
    expect(await field.getAttribute("placeholder")).toContain("set");
    expect(await page.locator("form.settings input[name=default_phone_region]").inputValue()).toBe("GB");
    await expectNoKey(key);
    expect(bodies.length).toBeGreaterThan(3);
    expect(bodies.filter((b) => b.includes(key))).toEqual([]);
  });
});

async function expectNoKey(key: string): Promise<void> {
  expect(await page.content()).not.toContain(key);
  const values = await page.evaluate(() => [...document.querySelectorAll("input")].map((i) => i.value));
  expect(values.filter((v) => v.includes(key))).toEqual([]);
}

/** More events for a screenshot that shows each kind of outcome. */
async function fillForScreenshot(): Promise<void> {
  hx.registry.add("salesloft-old-key", "credential_rejected", ADVICE_401);
  await hx.post("/v1/track", lead("sam.lee@example.org", {}, "Signed Up"));
  await hx.complete(await newestId(), "salesloft-old-key", rejected(401, `401 Unauthorized: ${ADVICE_401}`));
  await hx.post("/v1/page", {
    messageId: "msg-page-1",
    userId: "p1",
    name: "Pricing",
    context: { traits: { email: "p.ng@example.net" } },
  });
  await hx.post("/v1/identify", { messageId: "msg-identify-1", userId: "u9", traits: { email: "ann@example.com" } });
  await page.locator("tr.event").nth(3).waitFor();
}

function mkdirOut(): string {
  mkdirSync(IMAGES, { recursive: true });
  return IMAGES;
}
