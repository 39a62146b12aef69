// `signal-map init`: the new folder checks clean and its golden case passes; an existing folder is never touched.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../../cli/commands/check.js";
import { initCommand } from "../../../cli/commands/init.js";
import { testCommand } from "../../../cli/commands/test.js";
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

const SCHEMA = {
  type: "object",
  properties: {
    email: { type: "string", description: "the contact's e-mail" },
    score: { type: "number" },
    subscribed: { type: "boolean" },
    plan: { type: "string", description: "pricing plan" },
    address: { type: "object" },
  },
  required: ["email", "score", "subscribed"],
};

describe("init command", () => {
  it.each([[[]], [["--from-schema", "api.schema.json"]]])(
    "makes a folder that checks clean and tests green %j",
    async (extra) => {
      const dir = mkdtempSync(join(tmpdir(), "init-"));
      writeFileSync(join(dir, "api.schema.json"), JSON.stringify(SCHEMA));
      expect(await initCommand(["acme", ...extra], harness(dir).io)).toBe(0);
      const check = harness(dir);
      const checked = await checkCommand([join(dir, "presets/acme/acme.map")], check.io);
      expect(check.out.join("") + check.err.join("")).not.toContain("error[");
      expect(checked).toBe(0);
      const test = harness(dir);
      const code = await testCommand([join(dir, "presets/acme")], test.io);
      expect(test.out.join("") + test.err.join("")).toContain("1 passed, 0 failed");
      expect(code).toBe(0);
      expect(test.out.join("")).toContain("1 passed, 0 failed");
      const facts = readFileSync(join(dir, "presets/acme/FACTS.md"), "utf8");
      expect(facts).toContain("Sources:");
    },
  );

  it("sets the schema's required properties and comments out the others", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    writeFileSync(join(dir, "api.schema.json"), JSON.stringify(SCHEMA));
    expect(await initCommand(["acme", "--from-schema", "api.schema.json"], harness(dir).io)).toBe(0);
    const map = readFileSync(join(dir, "presets/acme/acme.map"), "utf8");
    expect(map).toMatch(/^ {2}email +<- lower\(trim\(traits.email\)\)$/m);
    expect(map).toMatch(/^ {2}score +<- to_number\(properties.score\) \?\? omit$/m);
    expect(map).toMatch(/^ {2}# plan +<- to_string\(properties.plan\)$/m);
    expect(map).toContain("# plan: string — pricing plan");
    const fixture = JSON.parse(readFileSync(join(dir, "presets/acme/tests/sends-sample.json"), "utf8"));
    expect(fixture.expect.outcome).toBe("send");
  });

  it("refuses to overwrite an existing folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    expect(await initCommand(["acme"], harness(dir).io)).toBe(0);
    writeFileSync(join(dir, "presets/acme/acme.map"), "mine");
    const again = harness(dir);
    expect(await initCommand(["acme"], again.io)).toBe(2);
    expect(again.err.join("")).toContain("already exists");
    expect(readFileSync(join(dir, "presets/acme/acme.map"), "utf8")).toBe("mine");
  });

  it("refuses a name that is not one", async () => {
    expect(await initCommand(["Bad-Name"], harness(tmpdir()).io)).toBe(2);
  });
});
