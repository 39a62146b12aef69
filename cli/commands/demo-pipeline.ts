// The demo as the live pipeline: the emulators on 127.0.0.1, `serve` in this process on an embedded SQLite store in a
// temporary folder with a generated config (secrets through the environment, never the file), the samples posted over
// HTTP, and every event's final outcome per integration read back from the store.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../loader/paths.js";
import { parseServeConfig } from "../../serve/config.js";
import { startPipeline, type RunningPipeline } from "../../serve/pipeline.js";
import type { RowState } from "../../store/store.js";
import type { PipelineDemo, StartedDemo } from "./demo-module.js";
import { postSamples, readSamples, type SampleFile } from "./demo-post.js";
import { waitForOutcomes, type Outcome } from "./demo-outcomes.js";

export interface DemoOptions {
  /** How long every event may take to reach a final outcome at every integration. */
  readonly timeoutMs: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/** What landed at one integration. */
export interface Landed {
  readonly integration: string;
  readonly url: string;
  /** One per posted event, in posting order. */
  readonly outcomes: readonly Outcome[];
  readonly holds: { readonly summary: string; readonly details: readonly string[] };
  /** What did not go as the demo module says, as sentences; empty when everything did. */
  readonly unmet: readonly string[];
}

export interface DemoRun {
  readonly url: string;
  readonly adminPassword: string;
  readonly configPath: string;
  readonly requests: { readonly single: number; readonly batches: number };
  readonly landed: readonly Landed[];
  /** Every credential of the run, to scrub from anything printed. */
  readonly secrets: readonly string[];
  /** Stops serve (stop accepting, finish what is on the wire), the emulators, and deletes the temporary folder. */
  close(): Promise<void>;
}

const WRITE_KEY = "wk_demo_site";

/** Runs the pipeline demo; on failure everything started is stopped before the error propagates. */
export async function runPipelineDemo(demos: readonly PipelineDemo[], options: DemoOptions): Promise<DemoRun> {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-demo-"));
  const started: StartedDemo[] = [];
  let pipeline: RunningPipeline | undefined;
  const close = async () => {
    await pipeline?.close(5_000);
    await Promise.allSettled(started.map((s) => s.destination.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const demo of demos) started.push(await demo.start(randomBytes(12).toString("hex")));
    const adminPassword = randomBytes(12).toString("base64url");
    const { config, env } = demoConfig(dir, demos, started);
    const configPath = join(dir, "signal-map.config.json");
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    const parsed = parseServeConfig(config, dir);
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    pipeline = await startPipeline({
      config: parsed.config,
      configPath,
      env: { ...env, SIGNAL_DEMO_ADMIN_PASSWORD: adminPassword },
      log: options.log ?? (() => undefined),
    });
    const files: SampleFile[] = await Promise.all(
      demos.map((d) => readSamples(join(packageRoot, "presets", d.integration, "samples", d.samples))),
    );
    const requests = await postSamples(pipeline.url, WRITE_KEY, files);
    const messageIds = files.flatMap((file) => file.events.map((e) => String(e.messageId)));
    const names = demos.map((d) => d.integration);
    const outcomes = await waitForOutcomes(pipeline.store, messageIds, names, options.timeoutMs);
    const landed = demos.map((demo, i) => landedAt(demo, started[i]!, outcomes.get(demo.integration) ?? []));
    const secrets = [...Object.values(env), adminPassword];
    return { url: pipeline.url, adminPassword, configPath, requests, landed, secrets, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The config serve runs with: one source, the integrations with their emulator's URL; secrets as env references. */
function demoConfig(dir: string, demos: readonly PipelineDemo[], started: readonly StartedDemo[]) {
  const env: Record<string, string> = {};
  const integrations = demos.map((demo, i) => {
    const { settings, secrets, destination } = started[i]!;
    const fromEnv = Object.entries(secrets).map(([name, value]) => {
      const variable = `SIGNAL_DEMO_${demo.integration}_${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
      env[variable] = value;
      return [name, { env: variable }] as const;
    });
    return {
      name: demo.integration,
      preset: join(packageRoot, "presets", demo.integration, demo.map),
      settings: { ...settings, ...Object.fromEntries(fromEnv) },
      baseUrl: destination.url,
    };
  });
  const config = {
    listen: { host: "127.0.0.1", port: 0 },
    store: `sqlite:${join(dir, "signal-map.db")}`,
    sources: [{ name: "demo-site", writeKey: WRITE_KEY }],
    admin: { password: { env: "SIGNAL_DEMO_ADMIN_PASSWORD" } },
    integrations,
  };
  return { config, env };
}

function landedAt(demo: PipelineDemo, started: StartedDemo, outcomes: readonly Outcome[]): Landed {
  const holds = started.destination.holds();
  const stateOf = (id: string): RowState | undefined => outcomes.find((o) => o.messageId === id)?.state;
  const unmet = [
    ...Object.entries(demo.expected)
      .filter(([id, status]) => stateOf(id) !== status)
      .map(([id, status]) => `${id} should be ${status}, is ${stateOf(id) ?? "missing"}`),
    ...holds.unmet,
  ];
  return { integration: demo.integration, url: started.destination.url, outcomes, holds, unmet };
}
