// The command line forgiving and clear for authors: did-you-mean, one usage format, files that are not what they seem.
// Needs `npm run build` first (the README's test command does it).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const PRESET = "presets/salesloft/lead-capture.map";

function signalMap(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    env: { ...process.env, SALESLOFT_API_KEY: "sk-test-author-tools", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "signal-map-author-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("did you mean", () => {
  it("suggests the command for a misspelled one", () => {
    const run = signalMap(["chekc", PRESET]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^signal-map: unknown command "chekc"; did you mean "check"\?\n/);
    expect(run.stderr.split("\n").length).toBeLessThanOrEqual(4);
  });

  it("suggests the flag or option for a misspelled one", () => {
    expect(signalMap(["check", "--jsn", PRESET]).stderr).toContain('unknown option --jsn; did you mean "--json"?');
    expect(signalMap(["run", PRESET, "--setings", "s.json"]).stderr).toContain(
      'unknown option --setings; did you mean "--settings"?',
    );
  });
});

describe("flags and usage", () => {
  it("accepts --json=true and --flag=value forms", () => {
    const run = signalMap(["check", "--json=true", PRESET]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(signalMap(["check", "--json=false", PRESET]).stdout).toBe(`${PRESET}: ok\n`);
    expect(signalMap(["check", "--json=maybe", PRESET]).stderr).toContain("--json is a switch: give no value");
  });

  it("gives every command's usage mistakes the same three-line shape", () => {
    for (const args of [
      ["check"],
      ["compile"],
      ["run"],
      ["deliver"],
      ["secrets"],
      ["secrets", "frob"],
      ["emulator"],
      ["test", "--bogus"],
    ]) {
      const run = signalMap(args);
      expect(run.code, args.join(" ")).toBe(2);
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines.length, run.stderr).toBe(3);
      expect(lines[0]).toMatch(new RegExp(`^signal-map ${args[0]}: `));
      expect(lines[1]).toMatch(/^Usage: signal-map /);
      expect(lines[2]).toBe(`Run signal-map ${args[0]} --help for the options.`);
    }
  });

  it("help COMMAND prints that command's help", () => {
    const run = signalMap(["help", "check"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: signal-map check FILE\.map/);
  });

  it("check --json reports a file it cannot read as a JSON error object", () => {
    const run = signalMap(["check", "--json", "missing.map"]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual([
      { file: "missing.map", severity: "error", code: "io", message: "cannot read missing.map: no such file" },
    ]);
  });
});

describe("files that are not .map files", () => {
  it("says so in one line for JSON, a JSON schema or JSON Lines given as a .map", () => {
    const schema = "presets/salesloft/person-upsert.request.schema.json";
    const jsonl = "presets/salesloft/samples/demo-leads.jsonl";
    for (const command of ["check", "compile", "run", "deliver"]) {
      for (const file of [schema, jsonl]) {
        const run = signalMap([command, file], "");
        expect(run.code, `${command} ${file}`).toBe(2);
        expect(run.stderr, `${command} ${file}`).toBe(
          `signal-map ${command}: ${file} is not a .map file (it holds JSON); a .map file starts with \`integration …\`\n`,
        );
      }
    }
  });

  it("run says once that pretty-printed JSON is not JSON Lines", () => {
    const file = join(dir, "pretty.json");
    writeFileSync(file, JSON.stringify({ type: "identify", traits: { email: "a@b.com" } }, null, 2));
    const run = signalMap(["run", PRESET, file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `signal-map run: ${file} is not JSON Lines: line 1 is "{" alone, as in pretty-printed JSON; write one event per line (e.g. \`jq -c . FILE\`)\n`,
    );
  });
});

describe("I/O errors", () => {
  it("are one plain line and exit 2, for reading and for writing", () => {
    expect(signalMap(["check", "presets"])).toMatchObject({
      code: 2,
      stderr: "signal-map check: cannot read presets: it is a directory\n",
    });
    expect(signalMap(["compile", PRESET, "-o", dir])).toMatchObject({
      code: 2,
      stderr: `signal-map compile: cannot write ${dir}: it is a directory\n`,
    });
  });
});

describe("secrets set", () => {
  it("refuses an integration or a setting no shipped preset declares, with did-you-mean", () => {
    const env = { SIGNAL_SECRET_KEY: "0f".repeat(32) };
    const file = join(dir, "secrets.json");
    const typo = signalMap(["secrets", "set", "--secrets-file", file, "saleslof", "api_key"], "sk-x\n", env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no shipped preset declares integration "saleslof"; did you mean "salesloft"?');
    const setting = signalMap(["secrets", "set", "--secrets-file", file, "salesloft", "apikey"], "sk-x\n", env);
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('integration salesloft has no setting "apikey"; did you mean "api_key"?');
    expect(existsSync(file)).toBe(false);
    expect(signalMap(["secrets", "set", "--secrets-file", file, "salesloft", "api_key"], "sk-x\n", env).code).toBe(0);
  });
});
