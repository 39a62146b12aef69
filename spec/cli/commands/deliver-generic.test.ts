// `signal-map deliver` works for any preset: the method, URL and headers the preset writes, its declared rate limit,
// no destination's knowledge applied to another, and `--preset` accepted.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverCommand } from "../../../cli/commands/deliver.js";
import type { CliIO } from "../../../cli/io.js";
import { recordingServer, type RecordingServer } from "../../delivery/helpers/recording-server.js";

const KEY = "sk-acme-7c6b5a4d3e2f1a0b";
const PRESET = `integration acme "Acme"
  rate limit 100 per 10 seconds
  setting api_key: secret required

preset contacts "Contacts"
  on identify
  order by traits.email
  send PATCH "https://api.acme.test/v1/contacts"
    header "Authorization" <- "Bearer " + settings.api_key
    header "Content-Type" <- "application/json"
  email <- traits.email
  custom_fields <- traits.first_name
`;

let dir: string;
let server: RecordingServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "deliver-generic-"));
  writeFileSync(join(dir, "acme.map"), PRESET);
  writeFileSync(join(dir, "settings.json"), JSON.stringify({ api_key: KEY }));
  server = await recordingServer({ status: 200, body: "{}" });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    stdin: Readable.from([stdin]),
    env: {},
    cwd: dir,
  };
  const code = await deliverCommand(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const identify = (id: string, email: string) =>
  JSON.stringify({ type: "identify", messageId: id, traits: { email, first_name: "Jo" } });

describe("signal-map deliver with a preset of any integration", () => {
  it("sends the preset's method, URL and headers, and nothing else (no other destination's lookups)", async () => {
    const input = [identify("m1", "a@example.com"), identify("m2", "b@example.com")].join("\n") + "\n";
    const { code, stdout, stderr } = await run(
      ["acme.map", "--settings", "settings.json", "--base-url", server.url, "--preset", "contacts", "-"],
      input,
    );
    expect(stderr).toContain("2 delivered");
    expect(code).toBe(0);
    expect(server.arrived.map((a) => `${a.method} ${a.target}`)).toEqual(["PATCH /v1/contacts", "PATCH /v1/contacts"]);
    expect(server.arrived[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(stdout).not.toContain(KEY);
  });

  it("refuses a --preset name that is not a name", async () => {
    const { code, stderr } = await run(["acme.map", "--preset", "no such", "-"], "");
    expect(code).toBe(2);
    expect(stderr).toContain("--preset must be a preset name");
  });

  it("fails an event at once when the server asks for a wait beyond --max-wait", async () => {
    server.script([{ status: 429, headers: { "retry-after": "120" } }]);
    const { code, stdout } = await run(
      ["acme.map", "--settings", "settings.json", "--base-url", server.url, "--max-wait", "60", "-"],
      identify("m1", "a@example.com") + "\n",
    );
    expect(code).toBe(3);
    expect(JSON.parse(stdout.trim()).error).toContain("more than the 60 s maximum wait");
  });
});

const SLOTTED = `integration acme "Acme"
  setting api_key: secret required

preset contacts "Contacts"
  on identify
  send PATCH "https://api.acme.test/v1/contacts/{traits.email}"
    query "token" <- settings.api_key
    header "Content-Type" <- "application/json"
  first_name <- traits.first_name

preset removals "Removals"
  on identify
  send DELETE "https://api.acme.test/v1/contacts/{traits.email}"
    query "token" <- settings.api_key
`;

describe("a preset that builds its URL from event data", () => {
  beforeEach(() => writeFileSync(join(dir, "slotted.map"), SLOTTED));

  it("keeps any event value inside its one path segment, and the secret query value out of every output", async () => {
    const echo = (arrived: { target: string }) => JSON.stringify({ error: `no contact at ${arrived.target}` });
    server.script([
      { status: 200, body: "{}" },
      { status: 404, body: echo },
    ]);
    const input = [identify("m1", "a b/../../x?y#z@example.com"), identify("m2", "../../admin")].join("\n") + "\n";
    const { code, stdout, stderr } = await run(
      ["slotted.map", "--preset", "contacts", "--settings", "settings.json", "--base-url", server.url, "-"],
      input,
    );
    expect(server.arrived.map((a) => `${a.method} ${a.target}`)).toEqual([
      `PATCH /v1/contacts/a%20b%2F..%2F..%2Fx%3Fy%23z%40example.com?token=${KEY}`,
      `PATCH /v1/contacts/..%2F..%2Fadmin?token=${KEY}`,
    ]);
    expect(code).toBe(3);
    expect(stdout).toContain("no contact at /v1/contacts/..%2F..%2Fadmin?token=[redacted]");
    expect(stdout + stderr).not.toContain(KEY);
  });

  it("selects the preset --preset names in a file with several, and sends DELETE without a body", async () => {
    const { code } = await run(
      ["slotted.map", "--preset", "removals", "--settings", "settings.json", "--base-url", server.url, "-"],
      identify("m1", "a@example.com") + "\n",
    );
    expect(code).toBe(0);
    expect(server.arrived.map((a) => [a.method, a.target.split("?")[0], a.body])).toEqual([
      ["DELETE", "/v1/contacts/a%40example.com", ""],
    ]);
  });
});
