// `signal-map deliver` end to end: the real preset, the real loader, a real emulator on 127.0.0.1.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverCommand } from "../../../cli/commands/deliver.js";
import type { CliIO } from "../../../cli/io.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../presets/salesloft/emulator/index.js";
import { packageRoot } from "../../../loader/paths.js";
import { saveSecrets } from "../../../secrets/secrets-file.js";

const KEY = "sk-live-CLI-5f4e3d2c1b0a";
const PRESET = join(packageRoot, "presets/salesloft/lead-capture.map");
const SAMPLES = join(packageRoot, "presets/salesloft/samples/demo-leads.jsonl");
const lead = (id: string, email: string) =>
  JSON.stringify({
    type: "track",
    event: "Lead Generated",
    messageId: id,
    traits: { email },
    context: { consent: { marketing: "granted" } },
  });

let dir: string;
let emulator: Emulator | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "deliver-cli-"));
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ api_key: KEY }));
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ apiKeys: { [KEY]: { team: "t", scopes: ["people"] } }, ...options });
  return emulator;
}

interface RunOptions {
  readonly stdin?: string | Readable;
  readonly env?: Record<string, string>;
  readonly tty?: boolean;
  readonly signal?: AbortSignal;
}

async function run(argv: string[], options: RunOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = typeof options.stdin === "object" ? options.stdin : Readable.from([options.stdin ?? ""]);
  const io: CliIO & { signal?: AbortSignal } = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty ?? false },
    stdin,
    env: options.env ?? {},
    cwd: dir,
    signal: options.signal,
  };
  const code = await deliverCommand(argv, io);
  const stdout = out.join("");
  return {
    code,
    stdout,
    stderr: err.join(""),
    results: stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line)),
  };
}

describe("signal-map deliver", () => {
  it("writes one result per event and a summary, and exits 3 when an event failed", async () => {
    const { url } = await start({ customFields: ["utm_source", "utm_medium", "utm_campaign", "signup_method"] });
    const { code, results, stderr } = await run([PRESET, "--settings", "settings.json", "--base-url", url, SAMPLES]);
    expect(code).toBe(3);
    const byId = Object.fromEntries(results.map((r) => [r.messageId, r]));
    expect(Object.keys(byId).sort()).toEqual([
      "demo-1-lead",
      "demo-2-resubmission",
      "demo-3-no-email",
      "demo-4-page-view",
      "demo-5-landing-page",
    ]);
    expect(byId["demo-2-resubmission"]).toMatchObject({
      status: "delivered",
      httpStatus: 200,
      personId: byId["demo-1-lead"].personId,
    });
    expect(byId["demo-3-no-email"]).toMatchObject({ status: "failed", attempts: 0 });
    expect(byId["demo-4-page-view"]).toMatchObject({ status: "dropped" });
    expect(byId["demo-5-landing-page"].warnings.join(" ")).toContain("signal_landing_page");
    expect(stderr).toContain("5 events in");
    expect(stderr).toContain("3 delivered, 1 dropped, 1 failed");
  });

  it("reads standard input and exits 0 when everything was delivered or dropped; --json gives a JSON summary", async () => {
    const { url } = await start();
    const stdin = `${lead("a", "a@example.com")}\n\n${JSON.stringify({ type: "page" })}\n`;
    const { code, results, stderr } = await run(
      [PRESET, "--settings", "settings.json", "--base-url", url, "--json", "-"],
      { stdin },
    );
    expect(code).toBe(0);
    // Results come as they complete; each carries its line.
    const byLine = results.map((r) => [r.line, r.status]).sort((a, b) => a[0] - b[0]);
    expect(byLine).toEqual([
      [1, "delivered"],
      [3, "dropped"],
    ]);
    expect(JSON.parse(stderr)).toMatchObject({ total: 2, delivered: 1, dropped: 1, failed: 0, rateLimited: 0 });
  });

  it("appends failed events to --dead-letter as their original lines, and the same command replays them", async () => {
    const { url } = await start({ failNext: [{ status: 400, body: { error: "Bad Request" } }] });
    const first = ` ${lead("dl-1", "first@example.com")} `;
    writeFileSync(join(dir, "events.jsonl"), `${first}\n${lead("dl-2", "second@example.com")}\n`);
    const args = [
      PRESET,
      "--settings",
      "settings.json",
      "--base-url",
      url,
      "--concurrency",
      "1",
      "--dead-letter",
      "failed.jsonl",
    ];
    const initial = await run([...args, "events.jsonl"]);
    expect(initial.code).toBe(3);
    expect(readFileSync(join(dir, "failed.jsonl"), "utf8")).toBe(`${first}\n`);
    const replay = await run([PRESET, "--settings", "settings.json", "--base-url", url, "failed.jsonl"]);
    expect(replay.code).toBe(0);
    expect(replay.results).toMatchObject([{ messageId: "dl-1", status: "delivered" }]);
  });

  it("never shows the API key, even when the server echoes it back", async () => {
    const echo = `token ${KEY} cannot write custom_fields.utm_source`;
    const { url } = await start({
      failNext: [
        { status: 422, body: { errors: { base: [echo] } } },
        { status: 401, body: { error: `bad key ${KEY}` } },
      ],
    });
    const stdin = [lead("k1", "k1@example.com"), lead("k2", "k2@example.com")].join("\n");
    const viaFile = await run(
      [
        PRESET,
        "--settings",
        "settings.json",
        "--base-url",
        url,
        "--concurrency",
        "1",
        "--dead-letter",
        "dl.jsonl",
        "-",
      ],
      { stdin },
    );
    const viaEnv = await run([PRESET, "--base-url", url, "-"], { stdin: "{broken", env: { SALESLOFT_API_KEY: KEY } });
    const badSettings = await run([PRESET, "--settings", "settings.json", "--base-url", "not a url"]);
    writeFileSync(join(dir, "typo.json"), JSON.stringify({ api_kee: KEY }));
    const typo = await run([PRESET, "--settings", "typo.json", "--base-url", url]);
    const everything =
      [viaFile, viaEnv, badSettings, typo].map((r) => r.stdout + r.stderr).join("\n") +
      readFileSync(join(dir, "dl.jsonl"), "utf8");
    expect(viaFile.stdout).toContain("[redacted]");
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEY.slice(8));
  });
});

describe("progress, interrupts and help", () => {
  it("draws progress on a terminal's stderr only", async () => {
    const { url } = await start();
    const args = [PRESET, "--settings", "settings.json", "--base-url", url, "-"];
    const onTerminal = await run(args, { stdin: lead("p", "p@example.com"), tty: true });
    const piped = await run(args, { stdin: lead("q", "q@example.com") });
    expect(onTerminal.stderr).toMatch(/\r\x1b\[2K1 events · [\d.]+\/s · 1 delivered, 0 dropped, 0 failed/);
    expect(piped.stderr).not.toContain("\x1b[");
    expect(onTerminal.stdout).not.toContain("\x1b[");
  });

  it("on an interrupt, reports what it read and exits 3 so the rest can be resumed", async () => {
    const { url } = await start();
    const controller = new AbortController();
    const stdin = new PassThrough();
    stdin.write(`${lead("i1", "i1@example.com")}\n`);
    const running = run([PRESET, "--settings", "settings.json", "--base-url", url, "-"], {
      stdin,
      signal: controller.signal,
    });
    while (emulator!.people().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const { code, results, stderr } = await running;
    expect(code).toBe(3);
    expect(results).toMatchObject([{ messageId: "i1", status: "delivered" }]);
    expect(stderr).toContain("input was read up to line 1; resume from line 2");
  });

  it("prints its help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: signal-map deliver FILE.map");
  });
});

describe("where deliver finds the API key", () => {
  const hexKey = "ab".repeat(32);
  async function storeKey(value: string) {
    await saveSecrets(join(dir, ".signal-map/secrets.json"), hexKey, { salesloft: { api_key: value } });
  }

  it("uses the secrets file when neither --settings nor the environment gives it", async () => {
    const { url } = await start();
    await storeKey(KEY);
    const { code } = await run([PRESET, "--base-url", url, "-"], {
      stdin: lead("s", "s@example.com"),
      env: { SIGNAL_SECRET_KEY: hexKey },
    });
    expect(code).toBe(0);
  });

  it("prefers SALESLOFT_API_KEY to the secrets file, and --settings to both", async () => {
    const { url } = await start();
    await storeKey("sk-stale-key-0000");
    const env = { SIGNAL_SECRET_KEY: hexKey, SALESLOFT_API_KEY: KEY };
    expect((await run([PRESET, "--base-url", url, "-"], { stdin: lead("e", "e@example.com"), env })).code).toBe(0);
    const wrongEnv = { ...env, SALESLOFT_API_KEY: "sk-wrong-env-0000" };
    const withFile = await run([PRESET, "--settings", "settings.json", "--base-url", url, "-"], {
      stdin: lead("f", "f@example.com"),
      env: wrongEnv,
    });
    expect(withFile.code).toBe(0);
  });

  it("says every way to provide a missing key, and sends nothing", async () => {
    const { url } = await start();
    const { code, stderr } = await run([PRESET, "--base-url", url, "-"], { stdin: lead("n", "n@example.com") });
    expect(code).toBe(2);
    expect(stderr).toContain('missing required setting "api_key"');
    expect(stderr).toContain("SALESLOFT_API_KEY");
    expect(stderr).toContain("signal-map secrets set salesloft api_key");
    expect(emulator!.requests()).toHaveLength(0);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [[], "needs a .map file"],
    [["x.map", "--concurrency", "0"], "--concurrency must be a whole number"],
    [["x.map", "--base-url", "ftp://example.com"], "--base-url must be an http or https URL"],
    [["x.map", "--rate-limit", "lots"], "--rate-limit must be a whole number"],
    [["x.map", "--ambiguity-window", "-5"], "--ambiguity-window must be a whole number"],
    [["x.map", "--frobnicate"], "unknown option --frobnicate"],
  ])("%j", async (argv, message) => {
    const { code, stderr } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("reports a preset that does not compile, and a missing events file", async () => {
    writeFileSync(join(dir, "broken.map"), "preset nothing\n");
    const broken = await run(["broken.map", "--settings", "settings.json", "-"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("does not compile; nothing was sent");
    const missing = await run([PRESET, "--settings", "settings.json", "nope.jsonl"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("cannot read nope.jsonl: no such file");
  });
});
