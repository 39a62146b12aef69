// `signal-map serve --config FILE`: the live pipeline until SIGTERM, SIGINT or SIGHUP, then a clean drain.

import { resolve } from "node:path";
import { loadSecrets, lookupSecret, saveSecrets, type SecretsMap } from "../../secrets/secrets-file.js";
import { secretsFilePath } from "../../secrets/location.js";
import { readServeConfig } from "../../serve/config.js";
import { PipelineConfigError, startPipeline } from "../../serve/pipeline.js";
import { redactText } from "../../runtime/redact.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";

const HELP = `Usage: signal-map serve --config FILE.json [--secrets-file PATH]

Runs the live pipeline: Segment-compatible collection (POST /v1/track, /v1/batch, …), a durable store, and delivery
to the configured integrations, with /healthz, /readyz, /metrics and, when the config sets an admin password, the
Event Debugger at /debugger. The config is documented in docs/serve.md. Secrets come from the environment or the
encrypted secrets file (SIGNAL_SECRET_KEY), never from the config in clear.

SIGTERM, SIGINT or SIGHUP: stop accepting, finish what is on the wire (up to 10 s), exit 0.
Exit: 0 after a clean stop, 2 for a config that cannot be used (every problem is listed).`;

const SPEC: ArgSpec = { flags: [], options: ["config", "secrets-file"] };

export const serveCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) return (io.stdout.write(`${HELP}\n`), EXIT.ok);
  const configPath = args.options.get("config");
  if (args.error || configPath === undefined || args.positional.length > 0) {
    return usageError(io, "serve", args.error ?? "serve needs --config FILE.json", HELP);
  }
  const path = resolve(io.cwd, configPath);
  const read = readServeConfig(path);
  if (!read.ok) return problems(io, read.problems);
  const secretsPath = secretsFilePath(args.options.get("secrets-file"), io.env, io.cwd);
  const material = io.env.SIGNAL_SECRET_KEY;
  let secrets: SecretsMap = {};
  try {
    if (needsSecrets(JSON.stringify(read.config))) secrets = await loadSecrets(secretsPath, material);
  } catch (error) {
    return problems(io, [(error as Error).message]);
  }
  const log = (line: Record<string, unknown>) =>
    io.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  let pipeline;
  try {
    pipeline = await startPipeline({
      config: read.config,
      configPath: path,
      env: { ...process.env, ...io.env },
      secrets: (integration, name) => lookupSecret(secrets, integration, name),
      ...(material
        ? {
            storeSecret: async (integration: string, name: string, value: string) => {
              // The file as it is now: it may hold secrets this config does not use (`signal-map secrets set`), which
              // writing back only what serve loaded at start would drop.
              const current = await loadSecrets(secretsPath, material);
              secrets = { ...current, [integration]: { ...(current[integration] ?? {}), [name]: value } };
              await saveSecrets(secretsPath, material, secrets);
            },
          }
        : {}),
      log,
    });
  } catch (error) {
    if (error instanceof PipelineConfigError) return problems(io, [...error.problems]);
    return problems(io, [(error as Error).message]);
  }
  io.stdout.write(`signal-map serve: listening on ${pipeline.url}\n`);
  await untilStopped((io as { signal?: AbortSignal }).signal);
  log({ level: "info", msg: "stopping: no new events are accepted; finishing what is on the wire" });
  await pipeline.close(10_000);
  log({ level: "info", msg: "stopped" });
  return EXIT.ok;
};

function needsSecrets(configText: string): boolean {
  return configText.includes('"secret":');
}

function problems(io: Parameters<Command>[1], list: readonly string[]): number {
  io.stderr.write(
    `signal-map serve: the config cannot be used:\n${list.map((p) => `  - ${redactText(p, [])}`).join("\n")}\n`,
  );
  return EXIT.usage;
}

export function untilStopped(external?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const signals = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
    const stop = () => {
      signals.forEach((s) => process.off(s, stop));
      done();
    };
    signals.forEach((s) => process.on(s, stop));
    if (external?.aborted) stop();
    else external?.addEventListener("abort", stop, { once: true });
  });
}
