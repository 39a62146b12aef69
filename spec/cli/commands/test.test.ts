// `signal-map test`: exit codes, default path and the report's last line, against a hand-written preset module.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runInMemory } from "../../support/cli-io.js";
import { createPreset } from "../../../runtime/preset.js";
import { tinyPresetModule } from "../../support/tiny-preset-module.js";

vi.mock("../../../loader/load-preset.js", () => ({ loadPreset: async () => createPreset(tinyPresetModule) }));
const { testCommand } = await import("../../../cli/commands/test.js");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "test-cmd-"));
  mkdirSync(join(dir, "presets", "tiny", "tests"), { recursive: true });
  writeFileSync(join(dir, "presets", "tiny", "upsert.map"), "");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = { type: "track", event: "Page Viewed", messageId: "m1" };
function writeCase(name: string, outcome: string) {
  const content = { settings: { api_key: "test-key-not-secret" }, event, expect: { messageId: "m1", outcome } };
  writeFileSync(join(dir, "presets", "tiny", "tests", `${name}.json`), JSON.stringify(content));
}

const run = (argv: string[]) => runInMemory(testCommand, argv, dir);

describe("signal-map test", () => {
  it("runs presets/ by default and exits 0 when every case passes", async () => {
    writeCase("dropped", "drop");
    const { code, out } = await run([]);
    expect(code).toBe(0);
    expect(out).toBe("ok   presets/tiny/tests/dropped.json\n1 passed, 0 failed\n");
  });

  it("exits 1 when a case fails, the count still last", async () => {
    writeCase("dropped", "drop");
    writeCase("sent", "send");
    const { code, out } = await run(["presets/tiny"]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /FAIL presets\/tiny\/tests\/sent.json\n {5}outcome\n {7}expected: "send"\n {7}actual: {3}"drop"\n/,
    );
    expect(out.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed");
  });

  it("exits 1 when no case is found, and 2 for a path that does not exist or a bad option", async () => {
    expect((await run(["presets"])).code).toBe(1);
    expect((await run(["presets"])).err).toMatch(/no fixture cases found in presets/);
    expect(await run(["nope"])).toMatchObject({ code: 2, err: expect.stringMatching(/no such file or folder: nope/) });
    expect((await run(["--frobnicate"])).code).toBe(2);
    expect((await run(["-"])).code).toBe(2);
    expect(await run(["--help"])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: signal-map test/) });
  });
});
