// `signal-map serve` as a real child process (dist/cli/main.js), for the scale-out test and the `scale` benchmark:
// start it on a config, learn its URL, kill -9 it, or stop it cleanly.

import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { DIST_CLI, SALESLOFT_PRESET } from "./paths.js";

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** The last few kilobytes the process wrote to stderr (its JSON log), for a failure message. */
  log(): string;
  /** SIGKILL: the process dies at once, with whatever it had on the wire. */
  kill9(): Promise<void>;
  /** SIGTERM: a clean drain; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `signal-map serve --config configPath` and resolves once it listens. */
export function startServeProcess(configPath: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [DIST_CLI, "serve", "--config", configPath], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  child.stderr!.on("data", (chunk: Buffer) => (err = (err + chunk.toString()).slice(-8_000)));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match === null) return;
      resolve({
        child,
        url: match[1]!,
        log: () => err,
        kill9: async () => {
          child.kill("SIGKILL");
          await exited;
        },
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${err.slice(-2_000)}`)));
  });
}

export interface ScaleConfig {
  readonly store: string;
  readonly writeKey: string;
  readonly emulatorUrl: string;
  /** The team's limit shared by every process (the integration's `rateLimitPerMinute` override). */
  readonly rateLimitPerMinute: number;
  /** Environment variable holding the Salesloft API key. */
  readonly keyEnv: string;
}

/** Writes a serve config with one Salesloft integration on a free port, for every process of a scale-out run. */
export function writeScaleConfig(path: string, config: ScaleConfig): void {
  const body = {
    listen: { host: "127.0.0.1", port: 0 },
    store: config.store,
    sources: [{ name: "web", writeKey: config.writeKey }],
    integrations: [
      {
        name: "salesloft",
        preset: SALESLOFT_PRESET,
        rateLimitPerMinute: config.rateLimitPerMinute,
        settings: { api_key: { env: config.keyEnv } },
        baseUrl: config.emulatorUrl,
      },
    ],
  };
  writeFileSync(path, JSON.stringify(body, null, 2));
}
