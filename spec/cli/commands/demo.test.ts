// `signal-map demo`: the README's main command runs the live pipeline against the emulators and checks what landed.

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { demoCommand } from "../../../cli/commands/demo.js";
import { emulatorCommand } from "../../../cli/commands/emulator.js";
import type { CliIO } from "../../../cli/io.js";
import type { PipelineDemo } from "../../../cli/commands/demo-module.js";
import { runPipelineDemo } from "../../../cli/commands/demo-pipeline.js";
import { verdictText } from "../../../cli/commands/demo-report.js";

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
  it("runs the pipeline: posts the samples to serve, and every destination holds what its README says", async () => {
    const { io, out } = capture();
    const code = await demoCommand([], io);
    const text = out.join("");
    expect(code).toBe(0);
    expect(text).toMatch(/serve +http:\/\/127\.0\.0\.1:\d+ +\(embedded SQLite store/);
    expect(text).toContain("Posted 30 sample events as a tracking script would: 1 /v1/batch and 22 single");
    // Every event goes to every integration: 30 each, with each preset's own verdict.
    expect(text).toMatch(/ga4 +30 +10 +19 +1 +10 events/);
    expect(text).toMatch(/hubspot +30 +13 +9 +8 +4 contacts/);
    expect(text).toMatch(/meta +30 +8 +17 +5 +8 events/);
    expect(text).toMatch(/mixpanel +30 +21 +3 +6 +21 events/);
    expect(text).toMatch(/salesloft +30 +13 +9 +8 +4 People/);
    // What landed at each emulator.
    expect(text).toMatch(/demo-1-lead → 1001,\s+demo-2-resubmission → 1001, demo-5-landing-page → 1002/);
    expect(text).toMatch(/1001 +jane\.doe@example\.com +Jane Doe +VP Marketing +\+447700900123 +false/);
    expect(text).toContain("demo-5-landing-page: custom_fields.signal_landing_page left out");
    const salesloft = text.slice(text.indexOf("\nsalesloft:\n"), text.indexOf("Event Debugger"));
    expect(salesloft).toMatch(/failed \(8\), missing_required: traits\.email is required: Salesloft.*demo-3-no-email/s);
    expect(text).toContain("Lead  event_id=meta-demo-1-lead");
    expect(text).toMatch(/failed \(1\), missing_required: context\.userAgent[^\n]*\n +meta-demo-5-no-user-agent/);
    expect(text).toContain("upsert jane.doe@example.com: jobtitle=CMO");
    expect(text).toContain("purchase  client_id=1234567890.1764495000");
    expect(text).toContain("Identified  distinct_id=user-42");
    expect(text).toMatch(/dropped \(4\), page calls are not handled by salesloft\/lead_capture/);
    expect(text).toMatch(/Event Debugger: http:\/\/127\.0\.0\.1:\d+\/debugger +\(user admin, password \S+, made/);
    expect(text).toContain("It is live only while the demo runs");
    expect(text).toContain("Stopped serve");
    expect(text).toContain("Everything landed as the samples' READMEs say.");
    expect(text).not.toMatch(/demo-[0-9a-f]{24}|pat-demo-|demo-secret-|demo-ga4-|demo-meta-/);
  });

  it("with --keep, leaves the pipeline and its debugger up until stopped", async () => {
    const controller = new AbortController();
    const { io, out } = capture(controller.signal);
    const running = demoCommand(["--keep"], io);
    while (!out.join("").includes("press Ctrl-C")) await new Promise((resolve) => setTimeout(resolve, 20));
    const [, url, password] = /Event Debugger: (\S+) +\(user admin, password (\S+),/.exec(out.join(""))!;
    const auth = { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString("base64")}` };
    expect((await fetch(url!, { headers: auth })).status).toBe(200);
    expect((await fetch(url!)).status).toBe(401);
    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(url!, { headers: auth })).rejects.toThrow();
  });

  it("says what did not land as expected, and exits 1", async () => {
    const hubspot = (await import("../../../presets/hubspot/demo.js")).default;
    const wrong = { ...hubspot, expected: { ...hubspot.expected, "demo-hs-4-page-view": "delivered" as const } };
    const run = await runPipelineDemo([wrong], { timeoutMs: 30_000 });
    await run.close();
    expect(run.landed[0]!.unmet).toEqual(["demo-hs-4-page-view should be delivered, is dropped"]);
    expect(verdictText(run.landed)).toContain("- hubspot: demo-hs-4-page-view should be delivered, is dropped");
  });

  it("fails with what is still waiting when deliveries do not finish in time", async () => {
    const hubspot = (await import("../../../presets/hubspot/demo.js")).default;
    // The emulator accepts a credential the pipeline is not given: every delivery is refused and waits for a fix.
    const refused: PipelineDemo = {
      ...hubspot,
      start: async (fake) => ({ ...(await hubspot.start(fake)), secrets: { access_token: "pat-not-accepted" } }),
    };
    const error = await runPipelineDemo([refused], { timeoutMs: 1_000 }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /after 1 s, \d+ deliveries have no final outcome:\n  hubspot: demo-hs-1-lead is pending/,
    );
    expect(error?.message).toContain("401 Unauthorized: the destination rejected the credential");
  });

  it("prints its help, and refuses what it does not take", async () => {
    const { io, out } = capture();
    expect(await demoCommand(["--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: signal-map demo [--keep] [--timeout SECONDS]");
    const bad = capture();
    expect(await demoCommand(["--timeout", "soon"], bad.io)).toBe(2);
    expect(bad.err.join("")).toContain("--timeout takes seconds");
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
