// The built executable on a setting limited to values: `run` and `deliver` refuse a value outside the list before any
// event is read (exit 2), naming the setting and its values, never a secret; a value in the list (any case) runs.
// Needs `npm run build` first.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const PRESET = join(ROOT, "presets/mixpanel/import.map");
const SECRET = "mp-secret-never-printed";
const EVENT = JSON.stringify({
  type: "track",
  event: "Signed Up",
  messageId: "m1",
  userId: "u1",
  timestamp: "2025-03-14T10:15:00.000Z",
});

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "signal-map-values-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function settingsFile(residency: string | undefined): string {
  const file = join(dir, `settings-${residency ?? "none"}.json`);
  const settings = { project_id: "1", service_account_username: "sa", service_account_secret: SECRET };
  writeFileSync(file, JSON.stringify(residency === undefined ? settings : { ...settings, data_residency: residency }));
  return file;
}

function signalMap(args: string[], input: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: "utf8", env: process.env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a setting limited to values, from the command line", () => {
  it.each([["run"], ["deliver"]])("%s refuses a value outside the list before reading any event", (command) => {
    const { code, stdout, stderr } = signalMap([command, PRESET, "--settings", settingsFile("eu-west"), "-"], EVENT);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('setting "data_residency" must be one of "US", "EU", "IN", got "eu-west"');
    expect(stderr + stdout).not.toContain(SECRET);
  });

  it("run takes a listed value in any case, and the default when none is given", () => {
    const eu = signalMap(["run", PRESET, "--settings", settingsFile("eu"), "-"], EVENT);
    expect(eu.code).toBe(0);
    expect(JSON.parse(eu.stdout).request.url).toMatch(/^https:\/\/api-eu\.mixpanel\.com\/import\?/);
    const none = signalMap(["run", PRESET, "--settings", settingsFile(undefined), "-"], EVENT);
    expect(JSON.parse(none.stdout).request.url).toMatch(/^https:\/\/api\.mixpanel\.com\/import\?/);
  });
});
