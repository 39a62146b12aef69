// `signal-map fmt`: rewrites files, `--check` lists the ones that would change and exits 1, broken files are left.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { fmtCommand } from "../../../cli/commands/fmt.js";
import type { CliIO } from "../../../cli/io.js";

function harness(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: new PassThrough(),
    env: {},
    cwd,
  };
  return { io, out, err };
}

const UGLY = 'integration x "X"\npreset p\non track\nsend POST "https://a.example.com"\na<-1\n';
const PRETTY = 'integration x "X"\npreset p\n  on track\n  send POST "https://a.example.com"\n  a <- 1\n';

describe("fmt command", () => {
  it("--check lists the files that would change, exits 1 and changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fmt-"));
    writeFileSync(join(dir, "ugly.map"), UGLY);
    writeFileSync(join(dir, "pretty.map"), PRETTY);
    const { io, out } = harness(dir);
    expect(await fmtCommand(["--check", "ugly.map", "pretty.map"], io)).toBe(1);
    expect(out.join("")).toBe("ugly.map\n");
    expect(readFileSync(join(dir, "ugly.map"), "utf8")).toBe(UGLY);
  });

  it("rewrites a file in the canonical layout, after which --check passes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fmt-"));
    writeFileSync(join(dir, "ugly.map"), UGLY);
    expect(await fmtCommand(["ugly.map"], harness(dir).io)).toBe(0);
    expect(readFileSync(join(dir, "ugly.map"), "utf8")).toBe(PRETTY);
    expect(await fmtCommand(["--check", "ugly.map"], harness(dir).io)).toBe(0);
  });

  it("leaves a file that does not parse alone and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fmt-"));
    writeFileSync(join(dir, "broken.map"), "integration x\npreset p\n  a <- (\n");
    const { io, err } = harness(dir);
    expect(await fmtCommand(["broken.map"], io)).toBe(1);
    expect(err.join("")).toContain("does not parse");
    expect(readFileSync(join(dir, "broken.map"), "utf8")).toBe("integration x\npreset p\n  a <- (\n");
  });

  it("needs a file", async () => {
    expect(await fmtCommand([], harness(tmpdir()).io)).toBe(2);
  });
});
