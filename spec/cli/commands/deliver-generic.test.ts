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
