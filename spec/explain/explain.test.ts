// explain: its own evaluation gives the compiled transform's body on every shipped fixture, and says why rules did not.

import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverCases } from "../../cli/testing/fixtures.js";
import { explainEvent } from "../../index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const { cases } = await discoverCases(["presets"], ROOT);

describe("explainEvent on the shipped fixtures", () => {
  it("finds the fixtures", () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases.filter((c) => c.preset !== undefined).map((c) => [c.file.slice(ROOT.length + 1), c] as const))(
    "%s: explain's body is the compiled outcome's body",
    async (_name, fixture) => {
      const now = fixture.now === undefined ? undefined : () => new Date(fixture.now!);
      const report = await explainEvent(fixture.preset!, fixture.event, fixture.settings as never, {
        ...(fixture.presetName ? { preset: fixture.presetName } : {}),
        ...(now ? { now } : {}),
      });
      if (report.outcome.outcome === "send") {
        expect(report.body).toEqual(report.outcome.request.body);
        for (const field of report.fields) expect(field.line).toBeGreaterThan(0);
      } else if (report.outcome.outcome === "drop" || report.outcome.code !== "invalid_request") {
        // A body the request schema refused was built; nothing else stops after a body.
        expect(report.body).toBeUndefined();
      }
    },
  );
});

const SOURCE = `integration demo "Demo"
  setting api_key: secret required

preset p "P"
  on track
  send POST "https://api.example.com/x"
    header "Authorization" <- "Bearer " + settings.api_key

  let email = lower(trim(traits.email))
  email_address <- email
  phone         <- e164(traits.phone, "GB") ?? omit warn "bad phone"
  tag           <- "vip"  when event == "Other"
  title         <- trim(traits.title)
  secret_echo   <- settings.api_key
`;

describe("explainEvent on a small preset", () => {
  const event = {
    type: "track",
    event: "Bought",
    messageId: "m1",
    traits: { email: "  Jane@Example.COM ", phone: "not a phone" },
  };

  it("gives each field its line, rule and the values on the way", async () => {
    const report = await explainEvent(SOURCE, event, { api_key: "sk-very-secret-1" });
    expect(report.outcome.outcome).toBe("send");
    const email = report.fields.find((f) => f.path === "email_address")!;
    expect(email.line).toBe(10);
    expect(email.value).toBe("jane@example.com");
    expect(email.steps).toContainEqual({ text: "email", value: "jane@example.com", line: 9 });
    expect(email.steps).toContainEqual({ text: "traits.email", value: "  Jane@Example.COM " });
  });

  it("says why each rule set nothing", async () => {
    const report = await explainEvent(SOURCE, event, { api_key: "sk-very-secret-1" });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.line, s.reason]));
    expect(reasons[11]).toContain('fallback taken with the warning "bad phone"');
    expect(reasons[12]).toContain("condition false");
    expect(reasons[13]).toBe("value absent");
  });

  it("never shows a secret, in the outcome or in a traced value", async () => {
    const report = await explainEvent(SOURCE, event, { api_key: "sk-very-secret-1" });
    expect(JSON.stringify(report)).not.toContain("sk-very-secret-1");
  });

  it("says which send block was built instead, for the rules of the blocks after it", async () => {
    const source = [
      'integration demo "Demo"',
      "preset p",
      "  on track",
      '  send POST "https://api.example.com/a" when event == "A"',
      "    a <- 1",
      '  send POST "https://api.example.com/b"',
      "    b <- 2",
    ].join("\n");
    const skipped = (name: string) =>
      explainEvent(source, { type: "track", event: name, messageId: "m1" }, {}).then((r) => r.skipped);
    expect(await skipped("A")).toEqual([
      { line: 7, rule: "b <- 2", reason: "send block not chosen: the send of line 4 was built" },
    ]);
    expect(await skipped("B")).toEqual([
      { line: 5, rule: "a <- 1", reason: "send block not chosen: its when is false" },
    ]);
  });

  it("lists a let's steps once when a rule reads the let twice", async () => {
    const source = [
      'integration demo "Demo"',
      "preset p",
      "  on track",
      '  send POST "https://api.example.com/a"',
      "  let n = to_number(properties.n) ?? omit",
      "  a <- if n >= 0 then n",
    ].join("\n");
    const report = await explainEvent(
      source,
      { type: "track", event: "A", messageId: "m1", properties: { n: "2" } },
      {},
    );
    const steps = report.fields.find((f) => f.path === "a")!.steps;
    expect(steps.filter((step) => step.text === "properties.n")).toHaveLength(1);
    expect(steps.filter((step) => step.text === "n" && step.line === 5)).toHaveLength(1);
    expect(steps[steps.length - 1]).toEqual({ text: "if n >= 0 then n", value: 2 });
  });

  it("reports a failed require and the rules it stopped", async () => {
    const source = SOURCE.replace("  email_address", '  require email else "email needed"\n  email_address');
    const report = await explainEvent(source, { ...event, traits: {} }, { api_key: "sk-very-secret-1" });
    expect(report.outcome.outcome).toBe("error");
    expect(report.skipped[0].reason).toBe("require failed: email needed");
    expect(report.skipped.slice(1).every((s) => s.reason.startsWith("not reached"))).toBe(true);
  });
});
