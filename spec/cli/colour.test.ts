// Colour: on for a terminal or FORCE_COLOR, off for NO_COLOR (any value), --no-color or a pipe; diagnostics, test
// diffs and summaries coloured, and the plain text unchanged when colour is off.

import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../cli/commands/check.js";
import { colourDiagnostics, colourDiffLine, colourEnabled, palette } from "../../cli/colour.js";
import type { CliIO } from "../../cli/io.js";
import { colourTestLine } from "../../cli/testing/test-output.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ESC = "\x1b[";

async function check(env: Record<string, string>, isTTY: boolean) {
  const out: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text), isTTY },
    stderr: { write: () => true },
    stdin: Readable.from([""]),
    env,
    cwd: ROOT,
  };
  const code = await checkCommand(["spec/docs/broken.map"], io);
  return { code, text: out.join("") };
}

describe("when colour is on", () => {
  it("follows the terminal, NO_COLOR (any value, even empty) and FORCE_COLOR", () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "0" })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: "0" })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(false);
  });
});

describe("check's diagnostics", () => {
  it("are coloured on a terminal: error red, code dim, caret red; the text without escapes is the plain output", async () => {
    const plain = await check({}, false);
    const coloured = await check({}, true);
    expect(plain.text).not.toContain(ESC);
    expect(coloured.text).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured.text).toContain(`${ESC}2m[E200]${ESC}22m`);
    expect(coloured.text).toMatch(/\x1b\[31m\^\^\^\^/);
    expect(coloured.text.replace(/\x1b\[\d+m/g, "")).toBe(plain.text);
    expect(coloured.code).toBe(plain.code);
  });

  it("are plain on a terminal with NO_COLOR, and coloured through a pipe with FORCE_COLOR", async () => {
    expect((await check({ NO_COLOR: "1" }, true)).text).not.toContain(ESC);
    expect((await check({ FORCE_COLOR: "1" }, false)).text).toContain(ESC);
  });

  it("a warning is yellow", () => {
    const text = colourDiagnostics("a.map:1:1: warning[W120]: x", palette(true));
    expect(text).toContain(`${ESC}33mwarning${ESC}39m`);
  });
});

describe("test's report", () => {
  it("colours expected green, actual red, FAIL and the failed count red", () => {
    const p = palette(true);
    expect(colourDiffLine('       expected: "a"', p)).toContain(`${ESC}32m "a"`);
    expect(colourDiffLine('       actual:   "b"', p)).toContain(`${ESC}31m  "b"`);
    expect(colourTestLine("FAIL x.json", p)).toContain(`${ESC}31m`);
    expect(colourTestLine("3 passed, 1 failed", p)).toContain(`${ESC}31m`);
    expect(colourTestLine("3 passed, 1 failed", palette(false))).toBe("3 passed, 1 failed");
  });
});

describe("--no-color", () => {
  it("turns colour off even with FORCE_COLOR, and is not refused as an unknown option", () => {
    const cli = join(ROOT, "dist/cli/main.js");
    const run = (args: string[]) =>
      spawnSync(process.execPath, [cli, "check", ...args, "spec/docs/broken.map"], {
        cwd: ROOT,
        env: { ...process.env, FORCE_COLOR: "1", NO_COLOR: undefined },
        encoding: "utf8",
      });
    const coloured = run([]);
    const plain = run(["--no-color"]);
    expect(coloured.stdout).toContain(ESC);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.status).toBe(1);
    expect(plain.stdout.length).toBeGreaterThan(100);
  });
});
