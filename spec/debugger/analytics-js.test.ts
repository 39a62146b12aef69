// Segment's own browser client, analytics.js (@segment/analytics-next), in Chromium on a page of another origin,
// pointed at a real `signal-map serve`: its identify and track calls cross origins (a CORS preflight, text/plain
// bodies) and land at the Salesloft emulator as the Person, shown in the Event Debugger with 200 and the Person id.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, WRITE_KEY } from "./harness.js";
import { bundleForServe, startLiveServe, until, type LiveServe } from "./live-serve.js";

const ROOT = resolve(import.meta.dirname, "../..");
const KEY = "sl_Analytics_Js_Key_3f9d";
/** The discard port, where nothing listens. */
const DEAD_PROXY = "http://127.0.0.1:9";

// The page's own script: analytics.js loaded from the bundle, never from a CDN. Its settings, which it would fetch
// from cdn.segment.com, are given inline; its remote metrics (api.segment.io/v1/m) are off.
const PAGE_SCRIPT = `
import { AnalyticsBrowser } from "@segment/analytics-next";
const { writeKey, apiHost } = JSON.parse(document.getElementById("config").textContent);
const segmentIo = { apiKey: writeKey, apiHost, protocol: "http" };
window.analytics = AnalyticsBrowser.load(
  { writeKey, cdnSettings: { integrations: { "Segment.io": segmentIo }, metrics: { sampleRate: 0 } } },
  { integrations: { "Segment.io": { apiHost, protocol: "http" } } },
);
`;

let work: string;
let context: BrowserContext;
let site: { server: Server; origin: string; script: string };
let live: LiveServe;
let page: Page;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "signal-map-analytics-js-"));
  await bundleForServe();
  const { build } = await import("esbuild");
  const bundled = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "warning",
  });
  site = await startSite(bundled.outputFiles[0].text);
  // Offline: every host but the loopback goes through a proxy that is not there, so nothing leaves the machine, and
  // no request is intercepted (playwright's interception would answer CORS preflights itself).
  context = await launchChromium(join(work, "profile"), [`--proxy-server=${DEAD_PROXY}`]);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await live?.close();
  await new Promise((done) => site?.server.close(done));
  rmSync(work, { recursive: true, force: true });
});

/** The marketing site: another origin on 127.0.0.1, serving a page and its analytics.js bundle. */
async function startSite(script: string): Promise<{ server: Server; origin: string; script: string }> {
  let config = "{}";
  const server = createServer((req, res) => {
    if (req.url === "/page.js") return res.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    if (req.url?.startsWith("/config=")) config = decodeURIComponent(req.url.slice("/config=".length));
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><title>Contact us</title>
<script id="config" type="application/json">${config}</script><script src="/page.js"></script>`);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, script };
}

describe("analytics.js in the browser, pointed at serve", () => {
  it("delivers identify and track from another origin to the emulator as the Person, seen in the debugger", async () => {
    live = await startLiveServe({
      emulator: { apiKeys: { [KEY]: { team: "team-1", scopes: ["people"] } }, rateLimitPerMinute: 0 },
      config: (emulatorUrl) => ({
        cors: { origins: [site.origin] },
        integrations: [
          {
            name: "salesloft",
            preset: join(ROOT, "presets/salesloft/lead-capture.map"),
            settings: { api_key: { env: "SL_KEY" } },
            baseUrl: emulatorUrl,
          },
        ],
      }),
      env: { SL_KEY: KEY },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const elsewhere: string[] = [];
    const methods: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      const headers = request.headers();
      if (url.hostname !== "127.0.0.1") elsewhere.push(url.href);
      else if (url.origin === live.url && headers.origin === site.origin) {
        const auth = headers.authorization?.startsWith("Basic ") ? "Basic" : "none";
        const asks = headers["access-control-request-headers"];
        methods.push(`${request.method()} ${url.pathname} ${asks ?? `${headers["content-type"]} ${auth}`}`);
      }
    });

    const config = JSON.stringify({ writeKey: WRITE_KEY, apiHost: `${new URL(live.url).host}/v1` });
    await page.goto(`${site.origin}/config=${encodeURIComponent(config)}`);
    const failures = await page.evaluate(async () => {
      type Ctx = { failedDelivery(): { reason: unknown } | undefined };
      type Client = {
        identify(id: string, traits: object): Promise<Ctx>;
        track(name: string, props: object, options: object): Promise<Ctx>;
      };
      const analytics = (window as unknown as { analytics: Client }).analytics;
      const traits = { email: "Jane.Doe@Example.com", first_name: "Jane", last_name: "Doe", company: "Example Ltd" };
      const identified = await analytics.identify("jane-1", traits);
      const tracked = await analytics.track(
        "Lead Generated",
        { lead_source: "Website Contact Form" },
        { context: { traits } },
      );
      return [identified, tracked].map((ctx) => String(ctx.failedDelivery()?.reason ?? "delivered"));
    });
    expect(failures).toEqual(["delivered", "delivered"]);

    await until(() => live.emulator.people()[0]?.tags?.length === 1, "the lead's tag lands on the Person");
    const people = live.emulator.people();
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      email_address: "jane.doe@example.com",
      first_name: "Jane",
      last_name: "Doe",
      person_company_name: "Example Ltd",
      tags: ["Website Contact Form"],
    });
    // The real cross-origin path: text/plain bodies to the short paths, with the write key in Authorization, which
    // makes Chromium ask serve first (a CORS preflight); analytics.js saw each answer, so serve's CORS let it through.
    expect(methods).toEqual([
      "OPTIONS /v1/i authorization",
      "POST /v1/i text/plain Basic",
      "OPTIONS /v1/t authorization",
      "POST /v1/t text/plain Basic",
    ]);

    await page.goto(`${live.url}/debugger`);
    const badge = `delivered 200 · id ${people[0].id}`;
    for (const name of ["Lead Generated", "Identified"]) {
      await page.locator("tr.event", { hasText: name }).locator(".badge.state-delivered", { hasText: badge }).waitFor();
    }
    expect(elsewhere).toEqual([]);
  }, 120_000);
});
