// `signal-map run`: one redacted outcome line per input line, bad lines as error outcomes, settings checked first.

import { EventEmitter } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CliIO } from "../../../cli/io.js";
import { createPreset } from "../../../runtime/preset.js";
import { tinyPresetModule } from "../../support/tiny-preset-module.js";

// The command is tested against a hand-written module so that it does not depend on the compiler; the Salesloft
// spec runs the real preset through the real loader.
vi.mock("../../../loader/load-preset.js", () => {
  class PresetCompileError extends Error {
    constructor(readonly rendered: string) {
      super(rendered);
    }
  }
  return {
    PresetCompileError,
    loadPreset: async (path: string) => {
      if (path.endsWith("broken.map"))
        throw new PresetCompileError("broken.map:1:1: error[E104]: missing integration header\n");
      if (path.endsWith("missing.map")) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return createPreset(tinyPresetModule);
    },
  };
});

const { runCommand } = await import("../../../cli/commands/run.js");

const SECRET = "sk-live-do-not-print-me";
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "run-"));
  writeFileSync(join(dir, "tiny.map"), "");
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ api_key: SECRET }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function makeIO(stdinText = "", env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin: Readable.from([stdinText]),
    env,
    cwd: dir,
  };
  return {
    io,
    out,
    err,
    lines: () =>
      out
        .join("")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l)),
  };
}

const lead = (id: string, email = "Jo@Example.com") =>
  JSON.stringify({ type: "track", event: "Lead Generated", messageId: id, traits: { email } });

describe("signal-map run", () => {
  it("writes one redacted outcome per line, skips blank lines, and keeps going past a malformed line", async () => {
    const events = [
      lead("m1"),
      "",
      "   ",
      "{not json",
      JSON.stringify({ type: "page", messageId: "m2" }),
      lead("m3", ""),
    ].join("\n");
    writeFileSync(join(dir, "events.jsonl"), `${events}\n`);
    const { io, out, err, lines } = makeIO();
    expect(await runCommand(["tiny.map", "--settings", "settings.json", "events.jsonl"], io)).toBe(0);
    const outcomes = lines();
    expect(outcomes.map((o) => [o.messageId, o.outcome])).toEqual([
      ["m1", "send"],
      [null, "error"],
      ["m2", "drop"],
      ["m3", "error"],
    ]);
    expect(outcomes[0].request.headers.Authorization).toBe("Bearer [redacted]");
    expect(outcomes[0].request.body).toEqual({ email_address: "jo@example.com", do_not_contact: true });
    expect(outcomes[1]).toEqual({
      messageId: null,
      outcome: "error",
      code: "invalid_event",
      message: expect.stringMatching(/^line 4: not valid JSON( \(at character \d+\)| \(it ends too early\))?$/),
    });
    expect(outcomes[3].code).toBe("missing_required");
    expect(out.join("") + err.join("")).not.toContain(SECRET);
    expect(err).toEqual([]);
  });

  it("says where a malformed line stops being JSON without quoting it: a line can hold personal data", async () => {
    const broken = '{"type": "identify", "traits": {"email": "jane.private@example.com", "phone": 07700}}';
    const { io, lines } = makeIO(broken, { TINY_API_KEY: SECRET });
    expect(await runCommand(["tiny.map", "-"], io)).toBe(0);
    const [outcome] = lines();
    expect(outcome).toMatchObject({
      outcome: "error",
      code: "invalid_event",
      message: expect.stringMatching(/^line 1: not valid JSON \(at character \d+\)$/),
    });
    expect(JSON.stringify(outcome)).not.toContain("jane.private");
  });

  it("reads standard input when the events file is - or left out, and takes the key from the environment", async () => {
    for (const args of [["tiny.map", "-"], ["tiny.map"]]) {
      const { io, lines } = makeIO(`${lead("m1")}\r\n${lead("m2")}`, { TINY_API_KEY: SECRET });
      expect(await runCommand(args, io)).toBe(0);
      expect(lines().map((o) => o.messageId)).toEqual(["m1", "m2"]);
    }
  });

  it("ignores a byte order mark before the first line", async () => {
    const { io, lines } = makeIO(`\uFEFF${lead("m1")}\n`, { TINY_API_KEY: SECRET });
    await runCommand(["tiny.map"], io);
    expect(lines()[0].outcome).toBe("send");
  });

  it("reports missing settings once, before any event, with exit 2", async () => {
    const { io, out, err } = makeIO(`${lead("m1")}\n${lead("m2")}\n`);
    expect(await runCommand(["tiny.map"], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join("")).toMatch(
      /settings of tiny\/upsert are not usable; no event was read:\n {2}- .*api_key.*TINY_API_KEY/,
    );
  });

  it("never echoes a settings file that is not JSON, since it holds secrets", async () => {
    writeFileSync(join(dir, "bad.json"), `{"api_key": "${SECRET}" oops}`);
    const { io, err } = makeIO();
    expect(await runCommand(["tiny.map", "--settings", "bad.json"], io)).toBe(2);
    expect(err.join("")).toMatch(/settings file bad\.json is not valid JSON \(at character \d+\)/);
    expect(err.join("")).not.toContain(SECRET);
  });

  it("prints the rendered diagnostics and exits 2 when the preset does not compile", async () => {
    const { io, out, err } = makeIO(lead("m1"));
    expect(await runCommand(["broken.map"], io)).toBe(2);
    expect(err.join("")).toContain(
      "broken.map:1:1: error[E104]: missing integration header\nbroken.map: does not compile",
    );
    expect(out).toEqual([]);
  });

  it("exits 2 on usage errors and unreadable files, and 0 with help", async () => {
    const cases: [string[], number, RegExp][] = [
      [[], 2, /run needs a \.map file/],
      [["tiny.map", "a.jsonl", "b.jsonl"], 2, /at most one events file/],
      [["tiny.map", "--bogus"], 2, /unknown option --bogus/],
      [["tiny.map", "--settings", "settings.json", "nope.jsonl"], 2, /cannot read nope\.jsonl: no such file/],
      [["tiny.map", "--settings", "nope.json"], 2, /settings file nope\.json cannot be read: no such file/],
      [["missing.map"], 2, /cannot load missing\.map: no such file/],
    ];
    for (const [args, code, message] of cases) {
      const { io, err } = makeIO();
      expect(await runCommand(args, io)).toBe(code);
      expect(err.join("")).toMatch(message);
    }
    const { io, out } = makeIO();
    expect(await runCommand(["--help"], io)).toBe(0);
    expect(out.join("")).toMatch(/^Usage: signal-map run FILE\.map/);
  });

  it("waits for stdout to drain before writing more, and stops reading when stdout closes", async () => {
    const stdout = Object.assign(new EventEmitter(), {
      written: [] as string[],
      destroyed: false,
      write(text: string) {
        this.written.push(text);
        return false;
      },
    });
    const stdin = new PassThrough();
    const io: CliIO = { stdout, stderr: { write: () => true }, stdin, env: { TINY_API_KEY: SECRET }, cwd: dir };
    const done = runCommand(["tiny.map"], io);
    // Outcomes are written in batches, and a batch as soon as the reader waits for input: line 1 alone first.
    stdin.write(`${lead("m1")}\n`);
    await vi.waitFor(() => expect(stdout.written).toHaveLength(1));
    stdin.write(`${lead("m2")}\n${lead("m3")}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdout.written).toHaveLength(1);
    stdout.emit("drain");
    await vi.waitFor(() => expect(stdout.written).toHaveLength(2));
    stdout.destroyed = true;
    stdout.emit("close");
    expect(await done).toBe(0);
    expect(stdout.written).toHaveLength(2);
    expect(stdin.destroyed).toBe(true);
  });
});
