// kill -9 at any moment loses no event answered 200: a load generator posts while serve is killed and restarted.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../presets/salesloft/emulator/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const AUTH = `Basic ${Buffer.from("wk_crash:").toString("base64")}`;
const PEOPLE = 120;
const EVENTS = 1_500;

let dir: string;
let emulator: Emulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-crash-"));
  emulator = await startEmulator({ latencyMs: 2, rateLimitPerMinute: 0 });
});

afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `signal-map serve` and resolves with its URL once it listens. */
function startServe(configPath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", "--config", configPath], {
      env: { ...process.env, CRASH_KEY: "test-key" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolvePromise({ child, url: match[1] });
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`serve exited (${code}) before listening: ${err.slice(-2_000)}`)));
  });
}

function event(i: number) {
  return { type: "identify", messageId: `c${i}`, traits: { email: `p${i % PEOPLE}@example.com`, title: `c${i}` } };
}

describe("serve under kill -9", () => {
  it("delivers every event it answered 200, in order per person, across three crashes", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const configPath = join(dir, "config.json");
    writeFileSync(
      configPath,
      JSON.stringify({
        listen: { host: "127.0.0.1", port },
        store: `sqlite:${join(dir, "store.db")}`,
        sources: [{ name: "web", writeKey: "wk_crash" }],
        integrations: [
          {
            name: "salesloft",
            preset: join(ROOT, "presets/salesloft/lead-capture.map"),
            // A team whose limit was raised: this test is about durability, not the 600-a-minute default.
            rateLimitPerMinute: 1_000_000,
            settings: { api_key: { env: "CRASH_KEY" } },
            baseUrl: emulator.url,
          },
        ],
      }),
    );
    const acked = new Set<number>();
    let serve = await startServe(configPath);
    let next = 0;
    const killsAt = new Set([300, 700, 1_100]);
    while (next < EVENTS) {
      const batch = Array.from({ length: Math.min(25, EVENTS - next) }, (_, k) => next + k);
      if ([...killsAt].some((at) => at >= next && at < next + batch.length)) {
        serve.child.kill("SIGKILL");
        await new Promise((r) => serve.child.once("exit", r));
        serve = await startServe(configPath);
      }
      // Eight requests at once of up to three events, like many browsers: some are on the wire at a kill.
      const groups = [0, 1, 2, 3, 4, 5, 6, 7].map((g) => batch.filter((_, k) => k % 8 === g)).filter((g) => g.length);
      await Promise.all(
        groups.map(async (ids) => {
          const res = await fetch(`${serve.url}/v1/batch`, {
            method: "POST",
            headers: { Authorization: AUTH },
            body: JSON.stringify({ batch: ids.map(event) }),
          }).catch(() => undefined);
          if (res?.status === 200) ids.forEach((id) => acked.add(id));
        }),
      );
      next += batch.length;
    }
    const landed = () =>
      new Set(
        emulator
          .requests()
          .filter((r) => r.status === 200)
          .map((r) => Number(String((r.body as { title?: string }).title).slice(1))),
      );
    // The emulator runs in this process: compute what landed once per look, not once per event.
    const missingNow = () => {
      const seen = landed();
      return [...acked].filter((id) => !seen.has(id));
    };
    for (let i = 0; i < 1_200 && missingNow().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    serve.child.kill("SIGTERM");
    const code = await new Promise((r) => serve.child.once("exit", r));
    expect(code).toBe(0); // SIGTERM drains and exits cleanly

    expect(acked.size).toBeGreaterThan(EVENTS * 0.9);
    expect(missingNow()).toEqual([]);
    // Each person ends on the latest of their acknowledged events, and their updates arrived in order.
    const byEmail = new Map(emulator.people().map((p) => [p.email_address, p.title]));
    for (let p = 0; p < PEOPLE; p++) {
      const latest = Math.max(...[...acked].filter((id) => id % PEOPLE === p));
      expect(byEmail.get(`p${p}@example.com`)).toBe(`c${latest}`);
    }
  }, 180_000);
});
