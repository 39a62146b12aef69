// A real `signal-map serve` for the browser tests: the CLI command run in this process with its config file, its
// encrypted secrets file and its log captured, delivering to the Salesloft emulator on 127.0.0.1.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { serveCommand } from "../../cli/commands/serve.js";
import type { CliIO } from "../../cli/io.js";
import { defaultAssetsDir } from "../../serve/debugger/assets-dir.js";
import { bundleDebugger } from "../../serve/debugger/build-web.js";
import { saveSecrets, type SecretsMap } from "../../secrets/secrets-file.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../presets/salesloft/emulator/index.js";
import type { EventSummary } from "../../serve/debugger/api-types.js";
import { ADMIN_PASSWORD, adminAuth, WRITE_KEY } from "./harness.js";

/** A passphrase for the secrets file; fake, like every credential in the tests. */
export const SECRET_KEY = "test-passphrase-not-secret-0001";

export interface LiveServe {
  readonly url: string;
  readonly dir: string;
  readonly configPath: string;
  readonly secretsPath: string;
  readonly emulator: Emulator;
  /** Everything serve wrote: its log lines (stderr) and its stdout. */
  output(): string;
  /** The debugger's API as the admin reads it, as text (to search it for a key) and parsed. */
  api(path: string): Promise<{ status: number; text: string; json: unknown }>;
  /** The newest events as the Event Debugger lists them. */
  events(): Promise<EventSummary[]>;
  post(path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface LiveOptions {
  /** Config keys beside listen, store, sources and admin; given the emulator's URL, for an integration's baseUrl. */
  readonly config?: (emulatorUrl: string) => Record<string, unknown>;
  readonly emulator?: EmulatorOptions;
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the encrypted secrets file before serve starts. */
  readonly secrets?: SecretsMap;
}

export async function startLiveServe(options: LiveOptions = {}): Promise<LiveServe> {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-live-"));
  const emulator = await startEmulator(options.emulator);
  const configPath = join(dir, "signal-map.config.json");
  const secretsPath = join(dir, "secrets.json");
  const config = {
    listen: { host: "127.0.0.1", port: 0 },
    store: `sqlite:${join(dir, "store.db")}`,
    sources: [{ name: "web", writeKey: WRITE_KEY }],
    admin: { password: { env: "SIGNAL_ADMIN_PASSWORD" } },
    ...options.config?.(emulator.url),
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  if (options.secrets !== undefined) await saveSecrets(secretsPath, SECRET_KEY, options.secrets);
  let out = "";
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (listening = resolve));
  const stop = new AbortController();
  const io: CliIO & { signal: AbortSignal } = {
    stdout: {
      write: (text: string) => {
        out += text;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) listening(match[1]);
        return true;
      },
    },
    stderr: { write: (text: string) => ((out += text), true) },
    stdin: Readable.from([]),
    env: {
      SIGNAL_SECRET_KEY: SECRET_KEY,
      SIGNAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SIGNAL_SECRETS_FILE: secretsPath,
      ...options.env,
    },
    cwd: dir,
    signal: stop.signal,
  };
  const exited = serveCommand(["--config", configPath], io);
  const started = await Promise.race([url, exited.then((code) => `serve exited ${code}: ${out}`)]);
  if (!started.startsWith("http://")) throw new Error(started);
  const api = async (path: string) => {
    const res = await fetch(`${started}${path}`, { headers: { Authorization: adminAuth } });
    const text = await res.text();
    return {
      status: res.status,
      text,
      json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
    };
  };
  return {
    url: started,
    dir,
    configPath,
    secretsPath,
    emulator,
    output: () => out,
    api,
    events: async () => ((await api("/api/events?reveal=1")).json as { events: EventSummary[] }).events,
    post: (path, body) =>
      fetch(`${started}${path}`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}` },
        body: JSON.stringify(body),
      }),
    async close() {
      stop.abort();
      await exited;
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The files serve keeps on disk, as text: the config and the secrets file. */
export function filesOnDisk(live: LiveServe): string {
  return [live.configPath, live.secretsPath].map((p) => readFileSync(p, "utf8")).join("\n");
}

/** Waits until `check` holds, polling; fails with `what` after a generous bound. */
export async function until(check: () => boolean | Promise<boolean>, what: string, bound = 30_000): Promise<void> {
  const deadline = Date.now() + bound;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/**
 * serve serves the page from dist/web/debugger: bundle it as it is now, as `npm run build` would. Each file is
 * renamed into place, so a test running beside this one never reads half a bundle.
 */
export async function bundleForServe(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "signal-map-bundle-"));
  try {
    await bundleDebugger(scratch);
    const target = defaultAssetsDir();
    mkdirSync(target, { recursive: true });
    for (const file of ["app.js", "app.css"]) {
      const temporary = join(target, `.${file}.${process.pid}`);
      copyFileSync(join(scratch, file), temporary);
      renameSync(temporary, join(target, file));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
