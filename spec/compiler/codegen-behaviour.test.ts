// What generated code does with absent, blank, failed and hostile values, run through the real runtime.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";
import type { Outcome, SendOutcome } from "../../runtime/outcome.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASES = join(import.meta.dirname, "codegen-cases");
const SETTINGS = { token: "t0ken-value", region: "GB", level: 3 };

async function load(name: string) {
  const path = join(CASES, `${name}.map`);
  return loadPresetSource(readFileSync(path, "utf8"), relative(ROOT, path));
}

function sent(outcome: Outcome): SendOutcome {
  expect(outcome.outcome, JSON.stringify(outcome)).toBe("send");
  return outcome as SendOutcome;
}

const track = (event: string, extra: Record<string, unknown> = {}) => ({
  type: "track",
  event,
  messageId: "m1",
  ...extra,
});

describe("generated code", () => {
  it("leaves absent and blank values out, never sending null or empty text", async () => {
    const preset = await load("let-require");
    const out = sent(
      preset.transform(
        track("Signed Up", { traits: { email: " A@B.CO ", first_name: "  ", last_name: null } }),
        SETTINGS,
      ),
    );
    expect(out.request.body).toEqual({
      email_address: "a@b.co",
      // concat joins only the parts that are present, so just the separator is left.
      display_name: " ",
      email_hash: createHash("sha256").update("a@b.co").digest("hex"),
    });
  });

  it("turns a failed require into a missing_required error with the preset's message", async () => {
    const preset = await load("let-require");
    expect(preset.transform(track("Signed Up", { traits: { email: "   " } }), SETTINGS)).toEqual({
      messageId: "m1",
      outcome: "error",
      code: "missing_required",
      message: "traits.email is required",
    });
  });

  it("builds nested objects only when a value is there", async () => {
    const preset = await load("nested-targets");
    const bare = sent(preset.transform(track("Lead Generated"), SETTINGS));
    expect(bare.request.body).toEqual({ meta: { received: true } });
    const full = sent(
      preset.transform(track("Lead Generated", { context: { campaign: { source: "google" } } }), SETTINGS),
    );
    expect(full.request.body).toEqual({ lead: { source: { utm: "google" } }, meta: { received: true } });
    expect(full.request.method).toBe("PUT");
  });

  it("evaluates when conditions and comparisons with absent values", async () => {
    const preset = await load("conditions");
    const lead = sent(
      preset.transform(track("Lead Generated", { context: { consent: { marketing: "granted" } } }), SETTINGS),
    );
    expect(lead.request.body).toEqual({ opted_in: true, opted_out: false, source: "web", same_name: true });
    const signup = sent(preset.transform(track("Signed Up", { properties: { plan: "pro", trial: false } }), SETTINGS));
    expect(signup.request.body).toEqual({ opted_in: false, opted_out: true, plan: "pro", same_name: true });
    const trial = sent(preset.transform(track("Signed Up", { properties: { plan: "pro", trial: true } }), SETTINGS));
    expect(trial.request.body).not.toHaveProperty("plan");
  });

  it("warns only when a fallible call failed, and falls back lazily", async () => {
    const preset = await load("fallbacks");
    const identify = (traits: Record<string, unknown>) => ({ type: "identify", messageId: "m2", traits });
    const good = sent(preset.transform(identify({ phone: "07700 900123", employees: "12" }), SETTINGS));
    expect(good.request.body).toEqual({
      phone: "+447700900123",
      employees: 12,
      label: "size unknown",
      nickname: "friend",
    });
    expect(good.warnings).toEqual([]);
    const bad = sent(
      preset.transform(identify({ phone: "not a phone", employees: "many", size: "7", first_name: " Jo " }), SETTINGS),
    );
    expect(bad.request.body).toEqual({ employees: 0, label: "size 7", nickname: "Jo" });
    expect(bad.warnings).toEqual(["traits.phone is not a phone number", "traits.employees is not a number; sent 0"]);
    const absent = sent(preset.transform(identify({}), SETTINGS));
    expect(absent.warnings).toEqual([]);
  });

  it("drops absent list items, drops a list left empty, and sends literals as written", async () => {
    const preset = await load("lists-and-literals");
    const out = sent(preset.transform(track("Lead Generated", { properties: { lead_source: " Form " } }), SETTINGS));
    expect(out.request.body).toEqual({
      tags: ["Form", "web"],
      explicit_null: null,
      count: -12500,
      active: false,
      quote: 'say "hi"\\ é \n tab\t end',
      level: 3,
    });
  });

  it("reads quoted keys, indexes, top-level fields and the event name", async () => {
    const preset = await load("paths");
    const event = track("Order Completed", {
      userId: "u-7",
      properties: { "plan name": "Team", items: [{ sku: "SKU-1" }] },
      traits: { "a.b": "dotted" },
      context: { page: { url: "https://x.test/?utm_term=shoes&x=1" } },
    });
    expect(sent(preset.transform(event, SETTINGS)).request.body).toEqual({
      plan: "Team",
      first_item: "SKU-1",
      dotted: "dotted",
      user: "u-7",
      name: "Order Completed",
      page: "shoes",
    });
  });

  it("fills URL slots as single encoded segments, appends encoded query clauses, and names an absent slot", async () => {
    const preset = await load("url-template");
    const event = track("Signed Up", { userId: "a/../b?c", traits: { email: "A+B@x.co" } });
    const out = sent(preset.transform(event, { token: "x", account: "7.1" }));
    expect(out.request.url).toBe(
      "https://api.example.test/v1/accounts/7.1/people/a%2F..%2Fb%3Fc?v=1&x={y}&email=a%2Bb%40x.co",
    );
    // The URL parser resolves "." and ".." even as %2E, so such a slot is refused rather than sent.
    expect(preset.transform(event, { token: "x", account: ".." })).toMatchObject({
      outcome: "error",
      code: "invalid_request",
      message: 'the URL slot {settings.account} is "." or "..", which would change the request\'s path',
    });
    const missing = preset.transform(track("Signed Up", { traits: { email: "a@b.co" } }), { token: "x", account: "7" });
    expect(missing).toMatchObject({
      outcome: "error",
      code: "missing_required",
      message: "the URL slot {id} has no value: let id is absent or not text",
    });
  });

  it("keeps let bindings apart from the names the module itself uses", async () => {
    const preset = await load("name-collisions");
    const event = track("Signed Up", {
      traits: { first_name: "Ann", last_name: "Lee", title: "cto", company: "Acme" },
    });
    expect(sent(preset.transform(event, SETTINGS)).request.body).toEqual({
      first_name: "Ann",
      last_name: "Lee",
      title: "cto",
      company: "Acme",
    });
  });

  it("carries hostile .map text only as data", async () => {
    const preset = await load("injection");
    const name = 'Signed Up"); process.exit(1); //';
    const out = sent(preset.transform(track(name), SETTINGS));
    expect(out.request.url).toBe('https://example.test/v1/"+process.exit(1)+"');
    expect(out.request.headers["X-Note"]).toBe("\u2028process.exit(1)//");
    expect(out.request.body).toEqual({
      other: "</script><!-- \ud800 -->",
      raw: "raw\u2028separator */ process.exit(2)",
    });
    expect(preset.meta.events).toEqual([name, "*/ throw 1 /*", "\u2029 */ globalThis.x = 1 /*"]);
  });

  it("never lets a __proto__ key of the event reach a prototype", async () => {
    const preset = await load("paths");
    const event = JSON.parse(
      '{"type":"track","event":"Order Completed","properties":{"__proto__":{"plan name":"evil"}}}',
    );
    const out = sent(preset.transform(event, SETTINGS));
    expect(out.request.body).toEqual({ name: "Order Completed" });
    expect(({} as Record<string, unknown>)["plan name"]).toBeUndefined();
  });

  it("writes body keys named like Object.prototype's members as own keys, and reaches no prototype", async () => {
    const preset = await load("prototype-keys");
    const out = sent(preset.transform(track("Signed Up", { traits: { name: " Ann " } }), SETTINGS));
    const body = out.request.body as Record<string, unknown>;
    expect(JSON.parse(JSON.stringify(body))).toEqual(
      JSON.parse(
        '{"__proto__":"Ann","constructor":"c","toString":"Ann","meta":{"__proto__":{"polluted":"yes"}},"hasOwnProperty":{"x":"Ann"},' +
          '"literal":{"__proto__":{"polluted":"Ann"},"constructor":"c","valueOf":"Ann"}}',
      ),
    );
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(["__proto__", "constructor", "toString", "meta", "hasOwnProperty", "literal"]);
    // The object literal is built by a function the module declares: its keys are own keys too.
    const literal = body.literal as Record<string, unknown>;
    expect(Object.getPrototypeOf(literal)).toBe(Object.prototype);
    expect(Object.keys(literal)).toEqual(["__proto__", "constructor", "valueOf"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
