// The golden fixture runner: finding cases, comparing, reporting and --update, against a hand-written preset module.

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discoverCases, runCases, type FixtureLoader } from "../../../cli/testing/fixtures.js";
import { fixtureTarget } from "../../../cli/testing/preset-target.js";
import { createPreset } from "../../../runtime/preset.js";
import { tinyPresetModule } from "../../support/tiny-preset-module.js";

const SETTINGS = { api_key: "test-key-not-secret" };
const LEAD = { type: "track", event: "Lead Generated", messageId: "m1", traits: { email: " Jo@Example.com " } };
const SENT = {
  messageId: "m1",
  outcome: "send",
  request: {
    method: "POST",
    url: "https://api.example.test/people",
    headers: { Authorization: "Bearer [redacted]", "Content-Type": "application/json" },
    body: { email_address: "jo@example.com", do_not_contact: true },
  },
  warnings: [],
};

let root: string;
const loaded: string[] = [];
const load: FixtureLoader = async (mapPath) => {
  loaded.push(mapPath);
  return fixtureTarget(createPreset(tinyPresetModule));
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "fixtures-"));
  loaded.length = 0;
  mkdirSync(join(root, "tiny", "tests"), { recursive: true });
  writeFileSync(join(root, "tiny", "upsert.map"), "");
  writeFileSync(join(root, "tiny", "person.schema.json"), "{}");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeCase(name: string, content: object): string {
  const file = join(root, "tiny", "tests", `${name}.json`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

async function run(paths: string[], update = false) {
  const lines: string[] = [];
  const { cases, missing } = await discoverCases(paths, root);
  const summary = await runCases(cases, { load, update, report: (line) => lines.push(line), cwd: root });
  return { lines, summary, cases, missing };
}

describe("discovering cases", () => {
  it("finds the .json files in tests/ folders only, sorted, from a folder, a tests folder, a .map or one file", async () => {
    writeCase("b", { event: LEAD, settings: SETTINGS, expect: SENT });
    writeCase("a", { event: LEAD, settings: SETTINGS, expect: SENT });
    const names = async (path: string) =>
      (await discoverCases([path], root)).cases.map((c) => c.file.slice(root.length));
    expect(await names(".")).toEqual(["/tiny/tests/a.json", "/tiny/tests/b.json"]);
    expect(await names("tiny/tests")).toEqual(["/tiny/tests/a.json", "/tiny/tests/b.json"]);
    expect(await names("tiny/upsert.map")).toEqual(["/tiny/tests/a.json", "/tiny/tests/b.json"]);
    expect(await names("tiny/tests/b.json")).toEqual(["/tiny/tests/b.json"]);
  });

  it("reports a path that does not exist", async () => {
    expect((await discoverCases(["nope"], root)).missing).toEqual(["nope"]);
  });

  it("runs a case against the single .map above tests/, or the one it names", async () => {
    writeFileSync(join(root, "tiny", "other.map"), "");
    writeCase("default", { event: LEAD, settings: SETTINGS, expect: SENT });
    writeCase("named", { preset: "../other.map", event: LEAD, settings: SETTINGS, expect: SENT });
    const { cases } = await run(["."]);
    expect(cases[0].problem).toMatch(/cannot tell which preset.*2 \.map files/);
    expect(cases[1].preset).toBe(join(root, "tiny", "other.map"));
    expect((await discoverCases(["tiny/other.map"], root)).cases.map((c) => c.file)).toEqual([
      join(root, "tiny/tests/named.json"),
    ]);
  });
});

describe("running cases", () => {
  it("passes a matching case, fails a differing one with a readable diff, and ends with the count", async () => {
    writeCase("good", { description: "lower-cases the email", event: LEAD, settings: SETTINGS, expect: SENT });
    const wrongBody = {
      ...SENT,
      request: { ...SENT.request, body: { email_address: "Jo@Example.com", do_not_contact: true } },
    };
    writeCase("wrong", { description: "expects no lower-casing", event: LEAD, settings: SETTINGS, expect: wrongBody });
    const { lines, summary } = await run(["."]);
    expect(summary).toEqual({ passed: 1, failed: 1, updated: 0 });
    expect(lines).toEqual([
      "ok   tiny/tests/good.json",
      "FAIL tiny/tests/wrong.json",
      "     expects no lower-casing",
      "     request.body.email_address",
      '       expected: "Jo@Example.com"',
      '       actual:   "jo@example.com"',
      "1 passed, 1 failed",
    ]);
    expect(loaded).toEqual([join(root, "tiny", "upsert.map")]);
  });

  it("shows outcomes as printed: the secret header redacted, settings validated into an invalid_settings error", async () => {
    writeCase("no-key", {
      event: LEAD,
      settings: {},
      expect: { messageId: "m1", outcome: "error", code: "invalid_settings" },
    });
    const { lines } = await run(["."]);
    expect(lines.at(-1)).toBe("1 passed, 0 failed");
  });

  it("fails a broken case file with its problem and keeps going", async () => {
    writeFileSync(join(root, "tiny", "tests", "broken.json"), "{ not json");
    writeCase("no-event", { settings: SETTINGS, expect: SENT });
    const { lines, summary } = await run(["."]);
    expect(summary.failed).toBe(2);
    expect(lines.join("\n")).toMatch(/FAIL tiny\/tests\/broken.json\n {5}not a readable JSON file/);
    expect(lines.join("\n")).toMatch(/FAIL tiny\/tests\/no-event.json\n {5}the case has no "event"/);
  });

  it("fails every case of a preset that does not load, naming why", async () => {
    writeCase("a", { event: LEAD, settings: SETTINGS, expect: SENT });
    const lines: string[] = [];
    const { cases } = await discoverCases(["."], root);
    const failing: FixtureLoader = async () => {
      throw new Error("upsert.map does not compile:\nupsert.map:1:1: error[E104]: missing integration header");
    };
    const summary = await runCases(cases, { load: failing, report: (l) => lines.push(l), cwd: root });
    expect(summary.failed).toBe(1);
    expect(lines.join("\n")).toContain("error[E104]: missing integration header");
  });
});

describe("--update", () => {
  it("rewrites expect of a failing case, keeps the other keys in their order, and leaves an unstated reason out", async () => {
    const file = writeCase("drop", {
      description: "d",
      preset: "../upsert.map",
      settings: SETTINGS,
      event: { ...LEAD, event: "Page Viewed" },
      messageIncludes: [],
      expect: { messageId: "m1", outcome: "send" },
      note: "kept",
    });
    const { lines, summary } = await run(["."], true);
    expect(summary).toEqual({ passed: 1, failed: 0, updated: 1 });
    expect(lines).toEqual(["updated tiny/tests/drop.json", "1 updated", "1 passed, 0 failed"]);
    const text = readFileSync(file, "utf8");
    const written = JSON.parse(text);
    expect(Object.keys(written)).toEqual([
      "description",
      "preset",
      "settings",
      "event",
      "messageIncludes",
      "expect",
      "note",
    ]);
    expect(written.expect).toEqual({ messageId: "m1", outcome: "drop", reason: expect.any(String) });
    expect(text.endsWith("}\n")).toBe(true);

    writeCase("drop", {
      event: { ...LEAD, event: "Page Viewed" },
      settings: SETTINGS,
      expect: { messageId: "x", outcome: "drop" },
    });
    await run(["."], true);
    expect(JSON.parse(readFileSync(file, "utf8")).expect).toEqual({ messageId: "m1", outcome: "drop" });
  });

  it("fills in expect for a new case that has none, and leaves passing cases untouched", async () => {
    const fresh = writeCase("fresh", { description: "new", settings: SETTINGS, event: LEAD });
    const passing = writeCase("passing", { settings: SETTINGS, event: LEAD, expect: SENT });
    writeFileSync(passing, JSON.stringify({ settings: SETTINGS, event: LEAD, expect: SENT }));
    const before = readFileSync(passing, "utf8");
    expect((await run(["."])).lines).toContain("FAIL tiny/tests/fresh.json");
    await run(["."], true);
    expect(JSON.parse(readFileSync(fresh, "utf8"))).toEqual({
      description: "new",
      settings: SETTINGS,
      event: LEAD,
      expect: SENT,
    });
    expect(readFileSync(passing, "utf8")).toBe(before);
  });
});
