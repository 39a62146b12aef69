// The Integrations page in Chromium against a real `signal-map serve` (its config and encrypted secrets files, SQLite,
// the delivery worker) and the Salesloft emulator: add an integration with a key, watch it go live, reject a wrong
// key, pause and resume, and never see the key again anywhere.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../presets/salesloft/emulator/index.js";
import { launchChromium } from "./harness.js";
import { loadSecrets } from "../../secrets/secrets-file.js";
import { readServeConfig } from "../../serve/config.js";
import { bundleForServe, filesOnDisk, SECRET_KEY, startLiveServe, until, type LiveServe } from "./live-serve.js";

const KEY = "sl_Pasted_Key_9c41e7d2";
const WRONG_KEY = "sl_Revoked_Key_0b7a55f1";
const REFUSED_KEY = "sl_Refused_Key_5e22b8c0";
const SIDE_KEY = "sl_Side_Key_61d0c3aa";
const PRESET = "presets/salesloft/lead-capture.map";
const ADVICE = "Re-create the key in Your Applications > API Keys and update the integration.";
const grant = { team: "team-1", scopes: ["people"] };

let work: string;
let context: BrowserContext;
let live: LiveServe;
let side: Emulator;
let page: Page;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "signal-map-live-browser-"));
  await bundleForServe();
  context = await launchChromium(join(work, "profile"));
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

afterEach(async () => {
  await page?.close();
  await live?.close();
  await side?.close();
});

const lead = (email: string) => ({
  event: "Lead Generated",
  messageId: `live-${email}`,
  properties: { lead_source: "Website Contact Form" },
  context: { traits: { email, first_name: "Jane", last_name: "Doe" } },
});

/** The card of an integration once it shows `state`: the page follows the pipeline's events without a reload. */
async function cardIn(name: string, state: string) {
  const card = page.locator(`article.card[data-name=${name}]`);
  await card.locator("header .badge", { hasText: new RegExp(`^${state}$`) }).waitFor({ timeout: 30_000 });
  return card;
}

async function outcomeOf(email: string, integration: string) {
  const event = (await live.events()).find((e) => e.email === email);
  return event?.outcomes.find((o) => o.integration === integration);
}

async function saveKey(key: string, baseUrl?: string): Promise<void> {
  const form = page.locator("form.settings");
  await form.locator("input[name=api_key]").fill(key);
  if (baseUrl !== undefined) await form.locator("input[name=baseUrl]").fill(baseUrl);
  await form.locator("button[type=submit]").click();
  await form.waitFor({ state: "detached" });
}

describe("the Integrations page against the real pipeline", () => {
  it("adds Salesloft with a pasted key, goes live, holds leads on a rejected key, pauses and resumes", async () => {
    side = await startEmulator({ apiKeys: { [SIDE_KEY]: grant }, rateLimitPerMinute: 0 });
    live = await startLiveServe({
      emulator: { apiKeys: { [KEY]: grant }, rateLimitPerMinute: 0 },
      config: () => ({
        integrations: [
          {
            name: "side",
            preset: join(process.cwd(), PRESET),
            settings: { api_key: { env: "SIDE_KEY" } },
            baseUrl: side.url,
          },
        ],
      }),
      env: { SIDE_KEY },
      secrets: { other: { token: "kept-token" } },
    });
    const bodies: string[] = [];
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("response", (res) => {
      if (!(res.headers()["content-type"] ?? "").includes("event-stream"))
        void res.text().then(
          (t) => bodies.push(t),
          () => {},
        );
    });

    // Add: choose the integration and its preset, name it, paste the key, point it at the emulator, save.
    await page.goto(`${live.url}/integrations`);
    await page.locator("#add").click();
    const form = page.locator("form.settings");
    await form.locator("select[name=integration]").selectOption("salesloft");
    await form.locator("select[name=preset]").selectOption(PRESET);
    await form.locator("input[name=name]").fill("salesloft");
    await saveKey(KEY, live.emulator.url);
    const card = await cardIn("salesloft", "waiting for a first event");
    expect(await card.locator("dd.secret").textContent()).toBe("set");
    expect(await page.locator("input[name=api_key]").count()).toBe(0);
    expect(filesOnDisk(live)).toContain('"secret": "salesloft/api_key"');
    // The config file as a restart reads it: the preset found from the file's own folder, the emulator kept.
    const reread = readServeConfig(live.configPath);
    expect(reread.ok && reread.config.integrations.find((i) => i.name === "salesloft")).toMatchObject({
      preset: join(process.cwd(), PRESET),
      baseUrl: live.emulator.url,
      settings: { api_key: { secret: "salesloft/api_key" } },
    });

    // A lead: live, and it landed as the Person with the key the emulator expects.
    expect((await live.post("/v1/track", lead("ann@example.com"))).status).toBe(200);
    await cardIn("salesloft", "live");
    const [ann] = live.emulator.people();
    expect(ann).toMatchObject({ email_address: "ann@example.com", first_name: "Jane" });
    expect(await outcomeOf("ann@example.com", "salesloft")).toMatchObject({
      state: "delivered",
      httpStatus: 200,
      destinationId: String(ann.id),
    });

    // The stored key is never sent to a new base URL unless it is typed again.
    await card.locator("button", { hasText: "Edit" }).click();
    expect(await form.locator("input[name=baseUrl]").inputValue()).toBe(live.emulator.url);
    await form.locator("input[name=baseUrl]").fill(side.url);
    await form.locator("button[type=submit]").click();
    await form.locator(".problems li", { hasText: "enter api_key again to send it to a new base URL" }).waitFor();
    await form.locator("input[name=baseUrl]").fill(live.emulator.url);
    // A save the pipeline refuses (a region that is not one) leaves the stored key as it was.
    await form.locator("input[name=api_key]").fill(REFUSED_KEY);
    await form.locator("input[name=default_phone_region]").fill("Atlantis");
    await form.locator("button[type=submit]").click();
    await form.locator(".problems li", { hasText: "default_phone_region" }).waitFor();
    expect((await loadSecrets(live.secretsPath, SECRET_KEY)).salesloft).toEqual({ api_key: KEY });
    await form.locator("input[name=default_phone_region]").fill("");

    // A wrong key: the emulator answers 401; the page says so with the advice, and the lead waits.
    await saveKey(WRONG_KEY);
    expect((await live.post("/v1/track", lead("bob@example.com"))).status).toBe(200);
    const rejected = await cardIn("salesloft", "credential rejected");
    expect(await rejected.locator(".advice").textContent()).toContain(ADVICE);
    expect(await outcomeOf("bob@example.com", "salesloft")).toMatchObject({ state: "retrying", httpStatus: 401 });
    expect(live.emulator.people().map((p) => p.email_address)).toEqual(["ann@example.com"]);

    // Paused (and the key fixed meanwhile): a lead the other integration delivers is not sent to this one.
    await rejected.locator("button", { hasText: "Pause" }).click();
    await cardIn("salesloft", "paused");
    await page.locator("article.card[data-name=salesloft] button", { hasText: "Edit" }).click();
    await saveKey(KEY);
    expect((await live.post("/v1/track", lead("cat@example.com"))).status).toBe(200);
    await until(async () => (await outcomeOf("cat@example.com", "side"))?.state === "delivered", "side delivers");
    expect(await outcomeOf("cat@example.com", "salesloft")).toMatchObject({ state: "pending", attempts: 0 });
    expect(live.emulator.people().map((p) => p.email_address)).toEqual(["ann@example.com"]);

    // Resumed: the held lead and the paused one land, with the right key.
    await page.locator("article.card[data-name=salesloft] button", { hasText: "Resume" }).click();
    await until(() => live.emulator.people().length === 3, "the held leads land");
    expect(
      live.emulator
        .people()
        .map((p) => p.email_address)
        .sort(),
    ).toEqual(["ann@example.com", "bob@example.com", "cat@example.com"]);
    await cardIn("salesloft", "live");

    // The key is stored encrypted, beside the secrets that were there; serve logged the changes, never the key.
    expect(await loadSecrets(live.secretsPath, SECRET_KEY)).toEqual({
      other: { token: "kept-token" },
      salesloft: { api_key: KEY },
    });
    expect(live.output()).toContain('"msg":"integration saved","integration":"salesloft"');
    expect(live.output()).toContain('"msg":"integration resumed","integration":"salesloft"');

    // The key was never shown or logged, and is on disk only encrypted.
    for (const key of [KEY, WRONG_KEY, REFUSED_KEY]) {
      expect(await page.content()).not.toContain(key);
      expect(bodies.filter((b) => b.includes(key))).toEqual([]);
      expect(live.output()).not.toContain(key);
      expect(filesOnDisk(live)).not.toContain(key);
      for (const path of ["/api/integrations", "/api/events?reveal=1"])
        expect((await live.api(path)).text).not.toContain(key);
      for (const e of await live.events()) expect((await live.api(`/api/events/${e.id}`)).text).not.toContain(key);
    }
    expect(bodies.length).toBeGreaterThan(10);
    expect(live.output()).toContain('"msg":"serving"');
  }, 180_000);
});
