// `signal-map explain`: the text and JSON reports of one event, a test case as input, and usage mistakes.

import { PassThrough } from "node:stream";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { explainCommand } from "../../../cli/commands/explain.js";
import type { CliIO } from "../../../cli/io.js";

const ROOT = resolve(import.meta.dirname, "../../..");

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: new PassThrough(),
    env: {},
    cwd: ROOT,
  };
  return { io, out, err };
}

const MAP = "presets/salesloft/lead-capture.map";
const CASE = "presets/salesloft/tests/campaign-partial.json";

describe("explain command", () => {
  it("prints each field's chain and each rule that set nothing", async () => {
    const { io, out } = harness();
    expect(await explainCommand([MAP, CASE], io)).toBe(0);
    const text = out.join("");
    expect(text).toContain("outcome: send POST https://api.salesloft.com/v2/person_upserts");
    expect(text).toMatch(/email_address ← line \d+: email ← line \d+: lower\(trim\(traits.email\)\) = "jane.doe@/);
    expect(text).toContain('condition false: when event == "Signed Up"');
    expect(text).not.toContain("test-key-not-secret");
  });

  it("--json gives the documented shape", async () => {
    const { io, out } = harness();
    expect(await explainCommand([MAP, CASE, "--json"], io)).toBe(0);
    const report = JSON.parse(out.join(""));
    expect(Object.keys(report)).toEqual(["outcome", "fields", "skipped", "warnings", "body"]);
    expect(report.fields[0]).toEqual(
      expect.objectContaining({ path: "upsert_key", line: expect.any(Number), rule: expect.any(String) }),
    );
    expect(report.skipped[0]).toEqual({ line: expect.any(Number), rule: expect.any(String), reason: "value absent" });
  });

  it("refuses a wrong number of files and says what cannot be read", async () => {
    expect(await explainCommand([MAP], harness().io)).toBe(2);
    const { io, err } = harness();
    expect(await explainCommand([MAP, "missing.json"], io)).toBe(2);
    expect(err.join("")).toContain("cannot read missing.json");
  });
});
