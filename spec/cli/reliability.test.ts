// The built executable under hostile conditions: closed or full stdout, folders as files, signals, odd settings.
// Needs `npm run build` first (the README's test command does it).

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../presets/salesloft/emulator/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli/main.js");
const PRESET = "presets/salesloft/lead-capture.map";
const KEY = "sk-live-reliability-key-1234";

let dir: string;
let emulator: Emulator;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "signal-map-reliab-"));
  emulator = await startEmulator({ apiKeys: { [KEY]: { team: "t", scopes: ["people"] } } });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await emulator.close();
});

function lead(i: number): string {
  const traits = { email: `lead${i}@example.com`, title: `title ${i}` };
  return JSON.stringify({
    type: "identify",
    messageId: `m${i}`,
    traits,
    context: { consent: { marketing: "granted" } },
  });
}

function eventsFile(name: string, count: number): string {
  const file = join(dir, name);
  writeFileSync(file, Array.from({ length: count }, (_, i) => lead(i + 1)).join("\n") + "\n");
  return file;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, SALESLOFT_API_KEY: KEY, ...extra };
}

/** Runs the CLI with stdout going to /dev/full, where every write fails with ENOSPC. */
async function toDevFull(args: string[]) {
  const full = openSync("/dev/full", "w");
  try {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env(), stdio: ["ignore", full, "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    return { code, stderr };
  } finally {
    closeSync(full);
  }
}

/** Runs the CLI and closes its stdout after `keep` lines, as `| head -N` does. */
function headOf(args: string[], keep: number): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env(), stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let stderr = "";
  let buffered = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) if (lines.length < keep) lines.push(part);
    if (lines.length >= keep) child.stdout.destroy();
  });
  return new Promise((done) => child.on("close", (code) => done({ code, lines, stderr })));
}

// Asynchronous, so the emulator in this process can answer while the command runs.
async function cli(args: string[], input?: string | Buffer, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: env(extra),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input ?? "");
  const code = await new Promise<number | null>((done) => child.on("close", done));
  return { code, stdout, stderr };
}

describe("output that cannot be written", () => {
  it("check, compile and run exit 2 with one line when stdout is full", async () => {
    for (const args of [
      ["check", PRESET],
      ["compile", PRESET],
      ["run", PRESET, eventsFile("few.jsonl", 3)],
    ]) {
      const run = await toDevFull(args);
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toMatch(/cannot write the output \(ENOSPC/);
      expect(run.stderr.trim().split("\n").length, args[0]).toBeLessThanOrEqual(2);
    }
  });

  it("run | head stops reading, exits 2 and says where to resume; --from-line resumes there", async () => {
    const file = eventsFile("many.jsonl", 20000);
    const head = await headOf(["run", PRESET, file], 2);
    expect(head.code).toBe(2);
    const resume = /--from-line (\d+)/.exec(head.stderr);
    expect(resume, head.stderr).not.toBeNull();
    const from = Number(resume![1]);
    expect(from).toBeGreaterThanOrEqual(3);
    expect(from).toBeLessThan(20000);
    const rest = await cli(["run", PRESET, "--from-line", String(from), file]);
    expect(rest.code).toBe(0);
    const outcomes = rest.stdout.trim().split("\n");
    expect(outcomes.length).toBe(20000 - from + 1);
    expect(JSON.parse(outcomes[0]!).messageId).toBe(`m${from}`);
  });

  it("deliver | head exits 3, names every unsent event's position, and resuming lands every lead", async () => {
    emulator.reset();
    const file = eventsFile("deliver-many.jsonl", 400);
    const base = ["deliver", PRESET, "--base-url", emulator.url, "--rate-limit", "1000000", "--concurrency", "2"];
    const head = await headOf([...base, file], 2);
    expect(head.code).toBe(3);
    const resume = /(\d+) events? (?:was|were) not sent; resume with .*--from-line (\d+)/.exec(head.stderr);
    expect(resume, head.stderr).not.toBeNull();
    expect(Number(resume![1])).toBeGreaterThan(0);
    const rest = await cli([...base, "--from-line", resume![2]!, file]);
    expect(rest.code).toBe(0);
    const emails = new Set(emulator.people().map((person) => person.email_address));
    for (let i = 1; i <= 400; i++) expect(emails.has(`lead${i}@example.com`)).toBe(true);
  });

  it("deliver > /dev/full dead-letters every event not sent and exits 3", async () => {
    emulator.reset();
    const file = eventsFile("deliver-full.jsonl", 50);
    const dead = join(dir, "dead.jsonl");
    const run = await toDevFull(["deliver", PRESET, "--base-url", emulator.url, "--dead-letter", dead, file]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/not sent; resume with/);
    const landed = new Set(emulator.people().map((person) => person.email_address));
    const deadLines = existsSync(dead) ? readFileSync(dead, "utf8").split("\n").filter(Boolean) : [];
    const source = readFileSync(file, "utf8").split("\n").filter(Boolean);
    const unsent = source.filter((line) => !landed.has(JSON.parse(line).traits.email));
    expect(deadLines.sort()).toEqual(unsent.sort());
  });
});

describe("a crash (kill -9) mid-run", () => {
  it("resuming from the first line without a delivered result lands every event, each person ending at their latest", async () => {
    emulator.reset();
    emulator.set({ latencyMs: 5 });
    const lines = Array.from({ length: 400 }, (_, i) => {
      const traits = { email: `person${i % 40}@example.com`, title: `title ${i + 1}` };
      return JSON.stringify({ type: "identify", messageId: `k${i + 1}`, traits });
    });
    const file = join(dir, "crash.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const args = ["deliver", PRESET, "--base-url", emulator.url, "--rate-limit", "1000000", "--concurrency", "4"];
    const child = spawn(process.execPath, [CLI, ...args, file], {
      cwd: ROOT,
      env: env(),
      stdio: ["ignore", "pipe", "ignore"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split("\n").length > 40) child.kill("SIGKILL");
    });
    await new Promise((done) => child.on("close", done));
    const delivered = new Set(
      output
        .split("\n")
        .filter((line) => line.endsWith("}"))
        .map((line) => JSON.parse(line) as { line: number; status: string })
        .filter((result) => result.status === "delivered")
        .map((result) => result.line),
    );
    expect(delivered.size).toBeLessThan(400);
    let from = 1;
    while (delivered.has(from)) from++;
    const rest = await cli([...args, "--from-line", String(from), file]);
    emulator.set({ latencyMs: 0 });
    expect(rest.code).toBe(0);
    const people = new Map(emulator.people().map((person) => [person.email_address, person.title]));
    for (let p = 0; p < 40; p++) {
      const latest = 400 - 40 + p + 1;
      expect(people.get(`person${p}@example.com`)).toBe(`title ${latest}`);
    }
  });
});

describe("files that are not files", () => {
  it("run and deliver say a folder is a folder in one line and exit 2", async () => {
    const folder = join(dir, "somedir");
    mkdirSync(folder, { recursive: true });
    for (const command of ["run", "deliver"]) {
      const run = await cli([command, PRESET, folder]);
      expect(run.code, command).toBe(2);
      expect(run.stderr, command).toBe(`signal-map ${command}: cannot read ${folder}: it is a directory\n`);
    }
  });

  it("deliver refuses the same file as input and dead-letter file", async () => {
    const file = eventsFile("same.jsonl", 2);
    const run = await cli(["deliver", PRESET, "--dead-letter", file, file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the dead-letter file .* is the events file/);
  });
});

describe("input that would be changed silently", () => {
  const bad = Buffer.concat([
    Buffer.from('{"type":"identify","messageId":"u1","traits":{"email":"a'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('@b.com"}}'),
  ]);

  it("run gives invalid_event for a line that is not UTF-8, and keeps a 30-digit messageId exact", async () => {
    const big = '{"type":"identify","messageId":123456789012345678901234567890,"traits":{"email":"x@y.com"}}';
    const run = await cli(["run", PRESET, "-"], Buffer.concat([bad, Buffer.from(`\n${big}\n`)]));
    expect(run.code).toBe(0);
    const [first, second] = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(first).toMatchObject({ outcome: "error", code: "invalid_event", message: "line 1: not valid UTF-8 text" });
    expect(second).toMatchObject({ messageId: "123456789012345678901234567890", outcome: "send" });
  });

  it("deliver dead-letters a failed CRLF line with its carriage return, and stdin redirected from the dead-letter file is refused", async () => {
    emulator.reset();
    const dead = join(dir, "dead-crlf.jsonl");
    rmSync(dead, { force: true });
    const line = '{"type":"identify","messageId":"c1","traits":{"title":"no email"}}\r';
    const run = await cli(["deliver", PRESET, "--base-url", emulator.url, "--dead-letter", dead, "-"], `${line}\n`);
    expect(run.code).toBe(3);
    expect(readFileSync(dead, "utf8")).toBe(`${line}\n`);
    const input = openSync(dead, "r");
    try {
      const child = spawn(process.execPath, [CLI, "deliver", PRESET, "--dead-letter", dead, "-"], {
        cwd: ROOT,
        env: env(),
        stdio: [input, "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await new Promise((done) => child.on("close", done))).toBe(2);
      expect(stderr).toMatch(/is the events file/);
    } finally {
      closeSync(input);
    }
  });

  it("deliver fails such a line as invalid_event and dead-letters it byte for byte", async () => {
    emulator.reset();
    const dead = join(dir, "dead-utf8.jsonl");
    rmSync(dead, { force: true });
    const run = await cli(
      ["deliver", PRESET, "--base-url", emulator.url, "--dead-letter", dead, "-"],
      Buffer.concat([bad, Buffer.from("\n")]),
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("invalid_event: line 1 is not valid UTF-8 text");
    expect(readFileSync(dead)).toEqual(Buffer.concat([bad, Buffer.from("\n")]));
    expect(emulator.requests()).toEqual([]);
  });
});

describe("settings", () => {
  it("run refuses a settings file holding null, as deliver does", async () => {
    const file = join(dir, "null.json");
    writeFileSync(file, "null");
    const run = await cli(["run", PRESET, "--settings", file], lead(1));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("must hold a JSON object");
  });

  it("an API key with a line break is one settings error before anything is sent", async () => {
    emulator.reset();
    const run = await cli(["deliver", PRESET, "--base-url", emulator.url, "-"], lead(1), {
      SALESLOFT_API_KEY: `${KEY}\r\nX: y`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("api_key contains a line break");
    expect(run.stderr).not.toContain(KEY);
    expect(emulator.requests()).toEqual([]);
  });
});

describe("signals", () => {
  it("SIGHUP stops deliver like SIGTERM: a summary and exit 3", async () => {
    const child = spawn(process.execPath, [CLI, "deliver", PRESET, "--base-url", emulator.url, "-"], {
      cwd: ROOT,
      env: env(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.kill("SIGHUP"));
    child.stdin.write(`${lead(1)}\n`);
    const code = await new Promise((done) => child.on("close", done));
    expect(code).toBe(3);
    expect(stderr).toMatch(/interrupted/);
  });

  it("Ctrl-C during run of a preset compiled in memory leaves no temporary module behind", async () => {
    const temp = join(dir, "tmp");
    mkdirSync(temp, { recursive: true });
    // Beside the original, so its request schema resolves; the changed source has no prebuilt module.
    const copy = join(ROOT, "presets/salesloft", `.copy-${process.pid}.map`);
    writeFileSync(copy, `# a copy, so not prebuilt\n${readFileSync(join(ROOT, PRESET), "utf8")}`);
    const child = spawn(process.execPath, [CLI, "run", copy, "-"], {
      cwd: ROOT,
      env: env({ TMPDIR: temp }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdout.once("data", () => child.kill("SIGINT"));
    child.stdin.write(`${lead(1)}\n`);
    await new Promise((done) => child.on("close", done));
    rmSync(copy);
    expect(readdirSync(temp)).toEqual([]);
  });
});
