// `signal-map test` beside several presets (issue 12, point 1): a copy of a preset next to it does not orphan the
// fixtures, cases name their preset (`../FILE.map` or `../FILE.map#NAME`), and --preset picks one of several.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInMemory } from "../../support/cli-io.js";
import { testCommand } from "../../../cli/commands/test.js";

const ROOT = resolve(import.meta.dirname, "../../..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "test-several-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const { code, all } = await runInMemory(testCommand, argv, dir);
  return { code, out: all };
}

describe("fixtures beside several presets", () => {
  it("still pass every Salesloft case when lead-capture.map is copied to lead-capture-v2.map beside it", async () => {
    const folder = join(dir, "salesloft");
    cpSync(join(ROOT, "presets", "salesloft"), folder, { recursive: true });
    cpSync(join(folder, "lead-capture.map"), join(folder, "lead-capture-v2.map"));
    const { code, out } = await run(["salesloft"]);
    expect(out).toMatch(/\n(\d+) passed, 0 failed\n$/);
    expect(Number(/(\d+) passed/.exec(out)?.[1])).toBeGreaterThan(50);
    expect(code).toBe(0);
  }, 60_000);

  const TWO = `integration demo "Demo"

preset first
  on "A"
  send POST "https://api.example.test/one"
  which <- "first"

preset second
  on "A"
  send POST "https://api.example.test/two"
  which <- "second"
`;
  const event = { type: "track", event: "A", messageId: "m1" };
  const expectFor = (which: string, path: string) => ({
    messageId: "m1",
    outcome: "send",
    request: {
      method: "POST",
      url: `https://api.example.test/${path}`,
      headers: { "Content-Type": "application/json" },
      body: { which },
    },
    warnings: [],
  });

  function writeTwo(cases: Record<string, object>) {
    mkdirSync(join(dir, "demo", "tests"), { recursive: true });
    writeFileSync(join(dir, "demo", "two.map"), TWO);
    for (const [name, content] of Object.entries(cases)) {
      writeFileSync(join(dir, "demo", "tests", `${name}.json`), JSON.stringify({ event, ...content }));
    }
  }

  it("runs a case against the preset it names with FILE.map#NAME", async () => {
    writeTwo({
      one: { preset: "../two.map#first", expect: expectFor("first", "one") },
      two: { preset: "../two.map#second", expect: expectFor("second", "two") },
    });
    const { code, out } = await run(["demo"]);
    expect(out).toContain("2 passed, 0 failed");
    expect(code).toBe(0);
  });

  it("says which presets there are when a case names a file of several and no preset; --preset picks one", async () => {
    writeTwo({ plain: { preset: "../two.map", expect: expectFor("second", "two") } });
    const failing = await run(["demo"]);
    expect(failing.out).toContain('holds 2 presets ("first", "second")');
    expect(failing.code).toBe(1);
    const chosen = await run(["demo", "--preset", "second"]);
    expect(chosen.out).toContain("1 passed, 0 failed");
  });

  it("gives a case under tests/NAME/ to NAME.map when the folder holds several .map files", async () => {
    const folder = join(dir, "salesloft");
    cpSync(join(ROOT, "presets", "salesloft"), folder, { recursive: true });
    cpSync(join(folder, "lead-capture.map"), join(folder, "lead-capture-v2.map"));
    const seed = JSON.parse(readFileSync(join(folder, "tests", "seed-worked-example.json"), "utf8"));
    delete seed.preset;
    mkdirSync(join(folder, "tests", "lead-capture-v2"));
    writeFileSync(join(folder, "tests", "lead-capture-v2", "seed.json"), JSON.stringify(seed));
    const { out, code } = await run(["salesloft"]);
    expect(out).toContain(`ok   ${join("salesloft", "tests", "lead-capture-v2", "seed.json")}`);
    expect(out).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(code).toBe(0);
  }, 60_000);
});
