// --preset NAME on check, compile and run, for a file holding several presets; without it, the names are listed.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInMemory } from "../../support/cli-io.js";
import { checkCommand } from "../../../cli/commands/check.js";
import { compileCommand } from "../../../cli/commands/compile.js";
import { runCommand } from "../../../cli/commands/run.js";
import type { Command } from "../../../cli/io.js";

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

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "preset-option-"));
  writeFileSync(join(dir, "two.map"), TWO);
  writeFileSync(join(dir, "events.jsonl"), JSON.stringify({ type: "track", event: "A", messageId: "m1" }) + "\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (command: Command, argv: string[]) => runInMemory(command, argv, dir);

describe("--preset", () => {
  it("compile: compiles the named preset; without a name it lists the presets and fails", async () => {
    const named = await run(compileCommand, ["two.map", "--preset", "second"]);
    expect(named.code).toBe(0);
    expect(named.out).toContain('preset: { name: "second" }');
    const unnamed = await run(compileCommand, ["two.map"]);
    expect(unnamed.code).toBe(1);
    expect(unnamed.err).toContain('error[E441]: the file holds 2 presets ("first", "second")');
  });

  it("run: runs the named preset (also as FILE.map#NAME); without a name it lists them and exits 2", async () => {
    const named = await run(runCommand, ["two.map", "--preset", "second", "events.jsonl"]);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.out).request.body).toEqual({ which: "second" });
    const hash = await run(runCommand, ["two.map#first", "events.jsonl"]);
    expect(JSON.parse(hash.out).request.body).toEqual({ which: "first" });
    const unnamed = await run(runCommand, ["two.map", "events.jsonl"]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain('holds 2 presets ("first", "second")');
  });

  it("check: checks every preset, and an unknown name is E442 listing them", async () => {
    expect((await run(checkCommand, ["two.map"])).out).toBe("two.map: ok\n");
    const wrong = await run(checkCommand, ["two.map", "--preset", "third"]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('error[E442]: the file has no preset named "third"');
    expect(wrong.out).toContain('the file has: "first", "second"');
  });
});
