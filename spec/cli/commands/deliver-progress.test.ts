// deliver on a terminal: a progress line with the file's total on stderr, result lines on stdout untouched, and a
// summary table at the end; through a pipe, none of it.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverCommand } from "../../../cli/commands/deliver.js";
import type { CliIO } from "../../../cli/io.js";
import { startEmulator, type Emulator } from "../../../presets/salesloft/emulator/index.js";
import { packageRoot } from "../../../loader/paths.js";

const KEY = "sk-live-progress-5f4e3d2c1b0a";
const PRESET = join(packageRoot, "presets/salesloft/lead-capture.map");

let dir: string;
let emulator: Emulator;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "deliver-progress-"));
  const lines = Array.from({ length: 5 }, (_, i) =>
    JSON.stringify({ type: "identify", messageId: `m${i}`, traits: { email: `p${i}@example.com` } }),
  );
  writeFileSync(join(dir, "events.jsonl"), `${lines.join("\n")}\n`);
  emulator = await startEmulator({ apiKeys: { [KEY]: { team: "t", scopes: ["people"] } } });
});
afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(isTTY: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text), isTTY },
    stderr: { write: (text: string) => err.push(text), isTTY },
    stdin: Readable.from([""]),
    env: { SALESLOFT_API_KEY: KEY, NO_COLOR: "1" },
    cwd: dir,
  };
  const code = await deliverCommand([PRESET, "--base-url", emulator.url, "events.jsonl"], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("deliver's progress and summary", () => {
  it("on a terminal: progress with total and percentage on stderr, a table at the end, stdout only results", async () => {
    const { code, stdout, stderr } = await run(true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\r\x1b\[2K\d\/5 events \(\d+%\) · [\d.]+\/s/);
    expect(stderr).toMatch(/5 events in [\d.]+ s\n {2}delivered +5\n {2}dropped +0\n {2}failed +0\n/);
    expect(stdout).not.toContain("\r");
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).status),
    ).toEqual(Array(5).fill("delivered"));
  });

  it("through a pipe: the plain summary lines and no escape", async () => {
    const { stderr } = await run(false);
    expect(stderr).not.toContain("\x1b[");
    expect(stderr).toMatch(/^5 events in [\d.]+ s: 5 delivered, 0 dropped, 0 failed\n/);
  });
});
