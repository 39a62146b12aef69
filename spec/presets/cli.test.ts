// `signal-map run` and `signal-map deliver` work for every shipped preset: run on its samples, deliver its samples to
// its emulator on 127.0.0.1 through the real command, and no secret shows in any line printed.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverCommand } from "../../cli/commands/deliver.js";
import { runCommand } from "../../cli/commands/run.js";
import type { CliIO, Command } from "../../cli/io.js";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import { findEmulator } from "../../emulator/registry.js";
import { loadPreset } from "../../loader/load-preset.js";
import { presetPath, sampleEvents, samplesPath, SHIPPED, type Shipped } from "./delivery.support.js";

const CREDENTIAL: Record<string, string> = {
  meta: "cli-meta-token-2b7e",
  ga4: "cli-ga4-secret-9d04",
  hubspot: "pat-cli-hubspot-61fa",
  mixpanel: "cli-sa:cli-sa-secret-c3d2",
};

let dir: string;
let running: RunningEmulator | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "shipped-cli-"));
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function invoke(command: Command, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    stdin: Readable.from([""]),
    env: {},
    cwd: dir,
  };
  const code = await command(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** The outcome kind the preset gives each sample, in order: what run prints and what deliver must report. */
async function expectedKinds(shipped: Shipped, settings: object): Promise<string[]> {
  const preset = await loadPreset(presetPath(shipped));
  const checked = preset.validateSettings(settings);
  if (!checked.ok) throw new Error(checked.problems.join("; "));
  return sampleEvents(shipped).map((event) => preset.transform(event, checked.settings).outcome);
}

const DELIVERY_STATUS: Record<string, string> = { send: "delivered", drop: "dropped", error: "failed" };

describe.each(SHIPPED)("the $name preset on the command line", (shipped: Shipped) => {
  const credential = CREDENTIAL[shipped.name]!;
  const settingsFile = () => {
    const file = join(dir, "settings.json");
    writeFileSync(file, JSON.stringify(shipped.settings(credential)));
    return file;
  };

  it("run prints one outcome per sample, as the preset decides, with the secret hidden", async () => {
    const kinds = await expectedKinds(shipped, shipped.settings(credential));
    const result = await invoke(runCommand, [presetPath(shipped), "--settings", settingsFile(), samplesPath(shipped)]);
    const lines = result.stdout.trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { outcome: string }).outcome)).toEqual(kinds);
    expect(kinds).toContain("send");
    for (const secret of shipped.secrets(credential)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("deliver lands the samples in its emulator and reports each, with the secret hidden", async () => {
    const kinds = await expectedKinds(shipped, shipped.settings(credential));
    const module = (await findEmulator(shipped.name))!;
    running = await startGenericEmulator(shipped.name, module, {
      credentials: [credential],
      failNext: [{ status: 503 }],
    });
    const argv = [presetPath(shipped), "--settings", settingsFile(), "--base-url", running.url, samplesPath(shipped)];
    const result = await invoke(deliverCommand, argv);
    // Every sample set holds a refused event, so deliver ends with 3 (some failed); none failed in delivery itself.
    expect(result.code).toBe(kinds.includes("error") ? 3 : 0);
    const results = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { line: number; status: string; error?: string })
      .sort((a, b) => a.line - b.line);
    expect(results.map((r) => r.status)).toEqual(kinds.map((kind) => DELIVERY_STATUS[kind]));
    expect(results.filter((r) => r.status === "failed" && !/^missing_required/.test(r.error ?? ""))).toEqual([]);
    expect(running.requests().some((r) => r.status >= 200 && r.status < 300)).toBe(true);
    for (const secret of shipped.secrets(credential)) expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
