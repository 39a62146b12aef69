// `signal-map secrets`: values only from stdin, never shown; names listed; the file encrypted.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secretsCommand } from "../../../cli/commands/secrets.js";
import type { CliIO } from "../../../cli/io.js";

const VALUE = "sk-live-secret-7777-abcd";
const KEY = "cd".repeat(32);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "secrets-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin = "", env: Record<string, string> = { SIGNAL_SECRET_KEY: KEY }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: Readable.from([stdin]),
    env,
    cwd: dir,
  };
  const code = await secretsCommand(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("signal-map secrets", () => {
  it("stores a value read from stdin, lists only its name, and never shows it", async () => {
    const set = await run(["set", "salesloft", "api_key"], `${VALUE}\n`);
    expect(set.code).toBe(0);
    const list = await run(["list"]);
    expect(list).toMatchObject({ code: 0, stdout: "salesloft.api_key\n" });
    const file = readFileSync(join(dir, ".signal-map/secrets.json"), "utf8");
    expect([set.stdout, set.stderr, list.stdout, list.stderr, file].join("\n")).not.toContain(VALUE);
  });

  it("honours --secrets-file and deletes by name", async () => {
    expect((await run(["set", "salesloft", "api_key", "--secrets-file", "elsewhere.json"], VALUE)).code).toBe(0);
    expect((await run(["list", "--secrets-file", "elsewhere.json"])).stdout).toBe("salesloft.api_key\n");
    expect((await run(["delete", "salesloft", "api_key", "--secrets-file", "elsewhere.json"])).code).toBe(0);
    const again = await run(["delete", "salesloft", "api_key", "--secrets-file", "elsewhere.json"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("salesloft.api_key is not stored");
  });

  it("refuses a value on the command line without echoing it", async () => {
    const { code, stderr } = await run(["set", "salesloft", "api_key", VALUE]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(VALUE);
    const asName = await run(["set", "salesloft", VALUE.replace(/-/g, "+")]);
    expect(asName.code).toBe(2);
    expect(asName.stderr).toContain("never from the command line");
  });

  it("needs SIGNAL_SECRET_KEY, and the right one", async () => {
    const missing = await run(["set", "salesloft", "api_key"], VALUE, {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("SIGNAL_SECRET_KEY is not set");
    await run(["set", "salesloft", "api_key"], VALUE);
    const wrong = await run(["list"], "", { SIGNAL_SECRET_KEY: "ef".repeat(32) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("cannot decrypt");
  });

  it("stores nothing for an empty value", async () => {
    const { code, stderr } = await run(["set", "salesloft", "api_key"], "\n");
    expect(code).toBe(2);
    expect(stderr).toContain("no value on standard input");
  });
});
