// The playground in headless Chromium: the Salesloft example checks clean and shows the seed's body; a typo brings
// E200 with its did-you-mean on the right line without a reload; fixing it clears it; a new email changes the body.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundlePlayground } from "../../playground/build-web.js";
import { startPlayground, type Playground } from "../../playground/server.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium.js";

const SCREENSHOT = resolve(import.meta.dirname, "../../docs/images/playground.png");

let folder: string;
let playground: Playground;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "playground-test-"));
  await bundlePlayground(join(folder, "page"));
  playground = await startPlayground({ pageDir: join(folder, "page") });
  // No skip: a browser that cannot start fails the suite, with playwright's reason.
  // A fresh profile folder per run (launchPersistentContext is how playwright takes --user-data-dir).
  browser = await chromium.launchPersistentContext(join(folder, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1400, height: 860 },
  });
  page = await browser.newPage();
  await page.goto(`${playground.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Selects the first occurrence of `text` in the .map editor and types `replacement` over it, key by key. */
async function typeOver(text: string, replacement: string): Promise<void> {
  const editor = page.locator("#map-source");
  await editor.evaluate((el: HTMLTextAreaElement, target: string) => {
    const at = el.value.indexOf(target);
    el.focus();
    el.setSelectionRange(at, at + target.length);
  }, text);
  await page.keyboard.type(replacement);
}

const lineOf = async (text: string): Promise<number> =>
  page.locator("#map-source").evaluate((el: HTMLTextAreaElement, t: string) => {
    return el.value.slice(0, el.value.indexOf(t)).split("\n").length;
  }, text);

describe("the playground page", () => {
  it("checks the Salesloft example clean and shows the seed's body, redacted", async () => {
    await page.locator("#diagnostics .clean").waitFor();
    await page.locator("#outcome", { hasText: '"email_address": "jane.doe@example.com"' }).waitFor();
    const outcome = JSON.parse((await page.locator("#outcome").textContent()) ?? "");
    expect(outcome.outcome).toBe("send");
    expect(outcome.request.body.phone).toBe("+447700900123");
    expect(outcome.request.headers.Authorization).toBe("Bearer [redacted]");
    expect(await page.locator("#outcome").textContent()).not.toContain("test-key-not-secret");
  });

  it("shows E200 with its did-you-mean on the typo's line as it is typed, and clears it once fixed", async () => {
    const line = await lineOf("lower(trim(traits.email))");
    await typeOver("lower(trim(traits.email))", "lowr(trim(traits.email))");
    const shown = page.locator('#diagnostics pre[data-code="E200"]');
    await shown.waitFor();
    expect(await shown.getAttribute("data-line")).toBe(String(line));
    const text = (await shown.textContent()) ?? "";
    expect(text).toContain(`lead-capture.map:${line}:`);
    expect(text).toContain('error[E200]: unknown function "lowr"');
    expect(text).toContain('= help: did you mean "lower"?');
    await expect(page.locator(`#map-backdrop div[data-line="${line}"]`).getAttribute("class")).resolves.toBe("error");
    await expect(page.locator("#map-gutter .error").allTextContents()).resolves.toEqual([String(line)]);
    await page.screenshot({ path: SCREENSHOT });

    await typeOver("lowr(trim(traits.email))", "lower(trim(traits.email))");
    await page.locator("#diagnostics .clean").waitFor();
    expect(await page.locator("#map-gutter .error").count()).toBe(0);
    await page.locator("#outcome", { hasText: '"email_address": "jane.doe@example.com"' }).waitFor();
  });

  it("changes the body when the event's email changes", async () => {
    const event = page.locator("#event");
    const text = (await event.inputValue()).replace("Jane.Doe@Example.com ", " Someone.Else@Example.ORG");
    await event.fill(text);
    await page.locator("#outcome", { hasText: '"email_address": "someone.else@example.org"' }).waitFor();
  });
});
