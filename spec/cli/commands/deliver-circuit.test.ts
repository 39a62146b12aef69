// deliver's fail-fast circuit against the Salesloft emulator: a wrong key stops after the first 401, a closed port
// after N connection failures; every unsent event is kept (dead-letter, --from-line) and the exit is 3.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverCommand } from "../../../cli/commands/deliver.js";
import type { CliIO } from "../../../cli/io.js";
import { startEmulator, type Emulator } from "../../../presets/salesloft/emulator/index.js";
import { packageRoot } from "../../../loader/paths.js";

const KEY = "sk-live-circuit-5f4e3d2c1b0a";
const PRESET = join(packageRoot, "presets/salesloft/lead-capture.map");
const EVENTS = 40;

let dir: string;
let emulator: Emulator | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "deliver-circuit-"));
  const lines = Array.from({ length: EVENTS }, (_, i) =>
    JSON.stringify({
      type: "identify",
      messageId: `m${i + 1}`,
      traits: { email: `lead${i + 1}@example.com` },
      context: { consent: { marketing: "granted" } },
    }),
  );
  writeFileSync(join(dir, "events.jsonl"), `${lines.join("\n")}\n`);
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], key: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    stdin: Readable.from([""]),
    env: { SALESLOFT_API_KEY: key },
    cwd: dir,
  };
  const code = await deliverCommand([PRESET, ...argv], io);
  const results = out
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { status: string; line: number; httpStatus?: number; error?: string });
  return { code, results, stderr: err.join("") };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  return port;
}

describe("deliver's fail-fast circuit", () => {
  it("stops after the first 401 with a wrong key, keeps every unsent event and says what to fix", async () => {
    emulator = await startEmulator({ apiKeys: { [KEY]: { team: "t", scopes: ["people"] } } });
    const args = ["--base-url", emulator.url, "--concurrency", "1", "--dead-letter", "dead.jsonl", "events.jsonl"];
    const { code, results, stderr } = await run(args, "sk-live-wrong-key-000000");
    expect(code).toBe(3);
    // Only the first event reached the server; none was delivered.
    expect(emulator.requests().length).toBe(1);
    expect(results.filter((r) => r.httpStatus === 401)).toHaveLength(1);
    expect(results.every((r) => r.status === "failed")).toBe(true);
    expect(stderr).toMatch(/stopped sending after the destination answered 401/);
    expect(stderr).toMatch(/To fix: .*401/);
    // Every event read was dead-lettered; the rest are resumable from the line shown.
    const dead = readFileSync(join(dir, "dead.jsonl"), "utf8").split("\n").filter(Boolean);
    const from = Number(/--from-line (\d+)/.exec(stderr)?.[1] ?? EVENTS + 1);
    expect(dead.length + (EVENTS - from + 1)).toBe(EVENTS);
    expect(stderr).not.toContain("sk-live-wrong-key-000000");
  });

  it("stops after N connection failures in a row against a closed port", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const args = ["--base-url", url, "--concurrency", "1", "--max-connection-failures", "3", "events.jsonl"];
    const { code, results, stderr } = await run(args, KEY);
    expect(code).toBe(3);
    expect(stderr).toMatch(/stopped sending after 3 connection failures in a row \(last: ECONNREFUSED\)/);
    expect(stderr).toMatch(/To fix: Check that the destination is up and that --base-url/);
    // Nothing delivered; every attempt fewer than one event's full retries (6) plus the stop.
    expect(results.every((r) => r.status === "failed")).toBe(true);
    const attempts = results.reduce((sum, r) => sum + ((r as { attempts?: number }).attempts ?? 0), 0);
    expect(attempts).toBe(3);
    const from = Number(/--from-line (\d+)/.exec(stderr)?.[1]);
    expect(from).toBe(1);
  });

  it("refuses a --max-connection-failures that is not a whole number", async () => {
    const { code, stderr } = await run(["--max-connection-failures", "0", "events.jsonl"], KEY);
    expect(code).toBe(2);
    expect(stderr).toContain("--max-connection-failures must be a whole number");
  });
});
