// `test --update` never records a setup error (invalid_settings, internal) a case did not ask for, and a broken case
// file is named by line and column.

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discoverCases, runCases, type FixtureLoader } from "../../../cli/testing/fixtures.js";
import { fixtureTarget } from "../../../cli/testing/preset-target.js";
import { jsonErrorAtLine, refusedUpdate } from "../../../cli/testing/update-guard.js";
import { createPreset } from "../../../runtime/preset.js";
import { tinyPresetModule } from "../../support/tiny-preset-module.js";

const LEAD = { type: "track", event: "Lead Generated", messageId: "m1", traits: { email: "jo@example.com" } };
const load: FixtureLoader = async () => fixtureTarget(createPreset(tinyPresetModule));

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "update-guard-"));
  mkdirSync(join(root, "tiny", "tests"), { recursive: true });
  writeFileSync(join(root, "tiny", "upsert.map"), "");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function runUpdate(name: string, text: string) {
  const file = join(root, "tiny", "tests", `${name}.json`);
  writeFileSync(file, text);
  const lines: string[] = [];
  const { cases } = await discoverCases([root], root);
  const summary = await runCases(cases, { load, update: true, report: (line) => lines.push(line), cwd: root });
  return { lines, summary, after: readFileSync(file, "utf8") };
}

describe("test --update", () => {
  it("refuses to record invalid_settings for a case without settings, fails it and says what to add", async () => {
    const text = `${JSON.stringify({ event: LEAD }, null, 2)}\n`;
    const { lines, summary, after } = await runUpdate("no-settings", text);
    expect(summary).toEqual({ passed: 0, failed: 1, updated: 0 });
    expect(after).toBe(text);
    expect(lines.join("\n")).toContain('give the case the "settings" the preset needs');
    expect(lines.join("\n")).toContain('"expect": {"outcome": "error", "code": "invalid_settings"}');
  });

  it("keeps a case that expects invalid_settings on purpose passing", async () => {
    const expectText = { messageId: "m1", outcome: "error", code: "invalid_settings" };
    const text = `${JSON.stringify({ event: LEAD, expect: expectText }, null, 2)}\n`;
    const { summary } = await runUpdate("on-purpose", text);
    expect(summary.failed).toBe(0);
  });

  it("refusedUpdate allows every other outcome and a code the case already expects", () => {
    expect(refusedUpdate(undefined, { outcome: "drop", reason: "x" })).toBeUndefined();
    expect(refusedUpdate(undefined, { outcome: "error", code: "missing_required" })).toBeUndefined();
    expect(
      refusedUpdate({ outcome: "error", code: "internal" }, { outcome: "error", code: "internal" }),
    ).toBeUndefined();
    expect(refusedUpdate({ outcome: "send" }, { outcome: "error", code: "internal" })).toMatch(/internal error/);
  });
});

describe("a case file that is not valid JSON", () => {
  it("is named by line and column, not by position", async () => {
    const { lines } = await runUpdate("broken", '{\n  "event": {},\n  "settings": {}\n  "expect": {}\n}\n');
    expect(lines.join("\n")).toMatch(/at line 4, column 3/);
    expect(lines.join("\n")).not.toMatch(/position/);
  });

  it("jsonErrorAtLine counts lines and columns from 1 and leaves other messages alone", () => {
    expect(jsonErrorAtLine("Unexpected token in JSON at position 0", "x")).toBe(
      "Unexpected token in JSON at line 1, column 1",
    );
    expect(jsonErrorAtLine("bad at position 5 (line 2 column 2)", "abc\ndef")).toBe("bad at line 2, column 2");
    expect(jsonErrorAtLine("Unexpected end of JSON input", "{")).toBe("Unexpected end of JSON input");
  });
});
