// `signal-map emulator salesloft`: arguments, the printed URL and key hint, serving, and a clean stop.

import { describe, expect, it } from "vitest";
import { parseEmulatorArgs, runEmulatorCommand } from "../../../presets/salesloft/emulator/command.js";

function capture() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("runEmulatorCommand", () => {
  it("prints its URL and the demo key, serves requests, and stops cleanly when told to", async () => {
    const { out, io } = capture();
    const stop = new AbortController();
    const exit = runEmulatorCommand(["--port", "0", "--response-shape", "openapi"], { ...io, signal: stop.signal });
    await waitFor(() => out.stdout.includes("listening on"));

    const url = /Salesloft emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout)?.[1];
    expect(url).toBeDefined();
    expect(out.stdout).toContain("test-key");
    const response = await fetch(`${url}/v2/person_upserts`, {
      method: "POST",
      headers: { authorization: "Bearer test-key", "content-type": "application/json" },
      body: JSON.stringify({ upsert_key: "email_address", email_address: "cli@example.com" }),
    });
    expect(((await response.json()) as { data: { upsert_type: string } }).data.upsert_type).toBe("create");

    stop.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/v2/people`)).rejects.toThrow();
  });

  it("prints help that says the printed key is a fake demo value, and exits 0", async () => {
    const { out, io } = capture();
    expect(await runEmulatorCommand(["--help"], io)).toBe(0);
    expect(out.stdout).toMatch(/--rate-limit/);
    expect(out.stdout).toMatch(/fake/);
  });

  it("exits 2 naming the option for an unknown flag or a bad value", async () => {
    const unknown = capture();
    expect(await runEmulatorCommand(["--prot", "3000"], unknown.io)).toBe(2);
    expect(unknown.out.stderr).toContain("unknown option --prot");
    const bad = capture();
    expect(await runEmulatorCommand(["--failure-rate", "2"], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain("--failure-rate");
  });

  it("takes the tenant's custom fields as a comma-separated list, an empty one for none", () => {
    expect(parseEmulatorArgs(["--custom-fields", "utm_source, utm_medium"])).toMatchObject({
      ok: true,
      options: { customFields: ["utm_source", "utm_medium"] },
    });
    expect(parseEmulatorArgs(["--custom-fields="])).toMatchObject({ ok: true, options: { customFields: [] } });
    expect(parseEmulatorArgs(["--custom-fields", "bad name"])).toMatchObject({ ok: false });
  });

  it("maps every flag to its option", () => {
    const parsed = parseEmulatorArgs([
      "--port=8080",
      "--rate-limit",
      "0",
      "--failure-rate",
      "0.25",
      "--drop-rate",
      "0.1",
      "--latency",
      "20",
      "--seed",
      "9",
      "--retry-after",
    ]);
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: {
        port: 8080,
        rateLimitPerMinute: 0,
        failureRate: 0.25,
        dropRate: 0.1,
        latencyMs: 20,
        seed: 9,
        retryAfterHeader: true,
      },
    });
  });
});
