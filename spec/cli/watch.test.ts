// `--watch`: a change to a watched file runs the command again, after a separator line; the first run is unchanged.

import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { takeWatchFlag, watchTargets } from "../../cli/watch.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");

/** Resolves with the output once `until` matches it, or with what there is after `limitMs` (never a timing assert). */
function waitFor(read: () => string, until: RegExp, limitMs = 20000): Promise<string> {
  return new Promise((done) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (until.test(read()) || Date.now() - started > limitMs) {
        clearInterval(poll);
        done(read());
      }
    }, 50);
  });
}

describe("--watch", () => {
  it("takes the flag out of the arguments and watches the .map file's folder", () => {
    expect(takeWatchFlag(["a.map", "--watch", "--json"])).toEqual({ watch: true, rest: ["a.map", "--json"] });
    expect(watchTargets(["presets/salesloft/lead-capture.map", "--json"], ROOT)).toEqual([
      { path: join(ROOT, "presets/salesloft"), recursive: true },
    ]);
  });

  it("runs check again when the .map file changes", async () => {
    if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
    const dir = mkdtempSync(join(tmpdir(), "watch-"));
    mkdirSync(join(dir, "p"));
    const map = join(dir, "p", "lead-capture.map");
    copyFileSync(join(ROOT, "presets/salesloft/lead-capture.map"), map);
    copyFileSync(
      join(ROOT, "presets/salesloft/person-upsert.request.schema.json"),
      join(dir, "p", "person-upsert.request.schema.json"),
    );
    const child = spawn(process.execPath, [CLI, "check", "--watch", map], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    try {
      expect(await waitFor(() => out, /watching/)).toMatch(/lead-capture\.map: ok[\s\S]*watching/);
      appendFileSync(map, "# touched\n");
      const second = await waitFor(() => out, /────[^\n]*re-run[\s\S]*lead-capture\.map: ok/);
      expect(second).toMatch(/──── .+ · re-run after a change ────\n[^\n]*lead-capture\.map: ok/);
    } finally {
      child.kill("SIGINT");
    }
    const code = await new Promise((done) => child.on("exit", done));
    expect(code).toBe(0);
  });
});
