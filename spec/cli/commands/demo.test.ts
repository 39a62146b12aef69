// `signal-map demo`: the README's main command runs end to end against the emulator and checks its own result.

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { demoCommand } from "../../../cli/commands/demo.js";
import { emulatorCommand } from "../../../cli/commands/emulator.js";
import type { CliIO } from "../../../cli/io.js";

function capture(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO & { signal?: AbortSignal } = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: Readable.from([""]),
    env: {},
    cwd: process.cwd(),
    signal,
  };
  return { io, out, err };
}

describe("signal-map demo", () => {
  it("delivers every integration's samples at once, shows per destination what landed, and exits 0", async () => {
    const { io, out } = capture();
    const code = await demoCommand([], io);
    const text = out.join("");
    expect(code).toBe(0);
    expect(text).toMatch(/ga4 +8 +6 +1 +1 +6 events/);
    expect(text).toMatch(/hubspot +5 +3 +1 +1 +2 contacts/);
    expect(text).toMatch(/meta +6 +3 +2 +1 +3 events/);
    expect(text).toMatch(/mixpanel +6 +3 +2 +1 +3 events/);
    expect(text).toMatch(/salesloft +5 +3 +1 +1 +2 People/);
    expect(text).toMatch(/1 +Lead Generated +jane\.doe@example\.com +delivered +200 +1001/);
    expect(text).toContain("updated the Person created by line 1 (same email): no duplicate");
    expect(text).toContain("custom_fields.signal_landing_page left out");
    expect(text).toMatch(/1001 +jane\.doe@example\.com +Jane Doe +VP Marketing +\+447700900123 +false/);
    expect(text).toContain("Lead  event_id=meta-demo-1-lead");
    expect(text).toContain("upsert jane.doe@example.com: jobtitle=CMO");
    expect(text).toContain("purchase  client_id=1234567890.1764495000");
    expect(text).toContain("Identified  distinct_id=user-42");
    expect(text).toContain("Everything went as the samples' READMEs say.");
    expect(text).not.toMatch(/demo-[0-9a-f]{24}|pat-demo-|demo-secret-|demo-ga4-|demo-meta-/);
  });

  it("says what did not hold when a destination does not behave as its README says", async () => {
    const { genericDemoReport } = await import("../../../cli/commands/demo.js");
    const report = await genericDemoReport({
      integration: "hubspot",
      map: "contacts.map",
      samples: "demo-leads.jsonl",
      credentials: (fake) => ({
        accepted: `other-${fake}`,
        settings: { access_token: `pat-${fake}` },
        secrets: [fake],
      }),
      expected: { "demo-hs-1-lead": "delivered", "demo-hs-4-page-view": "dropped" },
      holds: () => ({ summary: "0 contacts", details: [] }),
    });
    expect(report.unmet).toEqual(["demo-hs-1-lead is delivered"]);
    expect(report.delivered).toBe(0);
  });

  it("prints its help", async () => {
    const { io, out } = capture();
    expect(await demoCommand(["--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: signal-map demo");
  });
});

describe("signal-map emulator", () => {
  it.each(["hubspot", "mixpanel", "meta", "ga4"])(
    "runs the %s emulator from its module and prints its URL",
    async (name) => {
      const controller = new AbortController();
      const { io, out } = capture(controller.signal);
      const running = emulatorCommand([name, "--port", "0"], io);
      while (!out.join("").includes("listening on")) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(out.join("")).toMatch(/emulator listening on http:\/\/127\.0\.0\.1:\d+/);
      controller.abort();
      expect(await running).toBe(0);
    },
  );

  it("runs the Salesloft emulator until stopped", async () => {
    const controller = new AbortController();
    const { io, out } = capture(controller.signal);
    const running = emulatorCommand(["salesloft", "--port", "0"], io);
    while (!out.join("").includes("listening on")) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = /listening on (\S+)/.exec(out.join(""))![1]!;
    expect((await fetch(`${url}/v2/custom_fields`)).status).toBe(401);
    controller.abort();
    expect(await running).toBe(0);
  });

  it("prints the options of an integration's emulator", async () => {
    const { io, out } = capture();
    expect(await emulatorCommand(["hubspot", "--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: signal-map emulator hubspot");
    expect(out.join("")).toContain("100 per 10 s per account");
  });

  it("asks which API to emulate", async () => {
    const { io, err } = capture();
    expect(await emulatorCommand(["nosuch"], io)).toBe(2);
    expect(err.join("")).toContain("name the API to emulate (ga4, hubspot, meta, mixpanel, salesloft)");
  });
});
