// The live pipeline assembled from its config: store, integrations, collection, delivery worker and debugger.

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { systemClock } from "../delivery/clock.js";
import { createHttpSender } from "../delivery/http-sender.js";
import { RateLimiterRegistry } from "../delivery/rate-limiter.js";
import { findAdapter } from "../delivery/registry.js";
import { DEFAULT_RETRY_POLICY } from "../delivery/retry-policy.js";
import type { RequestSender } from "../delivery/sender.js";
import { explainEvent } from "../explain/explain.js";
import { loadPreset, splitPresetRef } from "../loader/load-preset.js";
import { secretValues } from "../runtime/redact.js";
import type { Settings } from "../runtime/values.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import type { IntegrationConfig, ServeConfig, SettingSource } from "./config.js";
import { createDebugger, type DebuggerRoutes } from "./debugger/routes.js";
import { startHttpServer, type RunningServer } from "./http-server.js";
import { createRegistry, type TargetHealth } from "./integrations.js";
import { createMetrics } from "./metrics.js";
import { routeEvent } from "./routing.js";
import { resolveSettingSources, type SecretLookup } from "./settings-sources.js";
import { IntegrationTarget } from "./targets.js";
import { DeliveryWorker } from "./worker.js";
import { createSaver } from "./saving.js";
import { storeOpenProblem } from "./store-open.js";

export class PipelineConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

export interface PipelineOptions {
  readonly config: ServeConfig;
  /** The config file, so integrations saved on the Integrations page persist. */
  readonly configPath?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly secrets?: SecretLookup;
  /** Stores a secret in the encrypted secrets file (the Integrations page's write-only fields). */
  readonly storeSecret?: (integration: string, name: string, value: string) => Promise<void>;
  readonly log: (line: Record<string, unknown>) => void;
}

export interface RunningPipeline {
  readonly url: string;
  readonly store: Store;
  /** Stops accepting, finishes what is on the wire within `drainMs`, closes the store. */
  close(drainMs?: number): Promise<void>;
}

export async function startPipeline(options: PipelineOptions): Promise<RunningPipeline> {
  const { config } = options;
  const store = await openStore(config.store).catch((error: unknown) => {
    throw new PipelineConfigError([storeOpenProblem(config.store, error)]);
  });
  const health = new Map<string, TargetHealth>();
  const targets = new Map<string, IntegrationTarget>();
  const senders: RequestSender[] = [];
  const listeners = new Set<(eventId: number) => void>();
  const metrics = createMetrics(store);
  try {
    const build = async (entry: IntegrationConfig) => {
      const onRateWait = (ms: number) => metrics.rateLimitWait.inc({ integration: entry.name }, ms / 1000);
      const { target, sender } = await buildTarget(entry, store, options, health, onRateWait);
      senders.push(sender);
      return target;
    };
    const problems: string[] = [];
    const admin = adminPassword(config, options, problems);
    for (const [i, entry] of config.integrations.entries()) {
      try {
        targets.set(entry.name, await build(entry));
      } catch (error) {
        problems.push(
          ...(error instanceof PipelineConfigError
            ? error.problems
            : [`integrations[${i}]: ${(error as Error).message}`]),
        );
      }
    }
    if (problems.length > 0) throw new PipelineConfigError(problems);
    const notify = (eventId: number) => listeners.forEach((listener) => listener(eventId));
    const worker = new DeliveryWorker({
      store,
      targets,
      owner: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
      concurrency: config.concurrency,
      ...(config.batchWaitMs !== undefined ? { batchWaitMs: config.batchWaitMs } : {}),
      maxAgeMs: config.maxAgeMs,
      retentionMs: config.retentionMs,
      onCompleted: (row, completion) => {
        metrics.deliveries.inc({ integration: row.integration, result: completion.state });
        if (completion.state === "delivered") {
          metrics.latency.observe({ integration: row.integration }, (Date.now() - row.createdAt) / 1000);
        }
        notify(row.eventId);
      },
      onError: (what, error) => options.log({ level: "error", msg: what, error: (error as Error).message }),
    });
    const presetRefs = new Map(
      config.integrations.map((e) => [e.name, e.preset + (e.presetName ? `#${e.presetName}` : "")]),
    );
    const saver = createSaver({ targets, options, store, health, build, presetRefs });
    const debuggerRoutes: DebuggerRoutes | undefined =
      admin === undefined
        ? undefined
        : createDebugger(
            {
              store,
              adminPassword: admin,
              integrations: createRegistry({
                targets,
                health,
                presetRefs,
                apply: saver.apply,
                persistPause: saver.persistPause,
                baseUrlOf: saver.baseUrlOf,
              }),
              explain: (eventId, name) => explainStored(store, eventId, targets.get(name), presetRefs.get(name)),
              subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
              secretValues: () => [...targets.values()].flatMap((t) => secretValues(t.preset.meta, t.settings)),
              now: () => Date.now(),
            },
            { trustedProxies: config.trustedProxies },
          );
    let ready = true;
    const server = await startHttpServer(config.listen.host, config.listen.port, {
      collector: {
        store,
        sources: config.sources,
        limits: config.limits,
        corsOrigins: config.corsOrigins,
        trustedProxies: config.trustedProxies,
        route: (event) => routeEvent(event, targets.values()),
        onAccepted: () => worker.notify(),
      },
      metrics,
      ready: () => ready,
      routes: debuggerRoutes ? [debuggerRoutes.route] : [],
      log: options.log,
    });
    worker.start();
    options.log({ level: "info", msg: "serving", url: server.url, integrations: [...targets.keys()] });
    return {
      url: server.url,
      store,
      async close(drainMs = 10_000) {
        ready = false;
        debuggerRoutes?.close();
        await closeServer(server, drainMs);
        await worker.stop(drainMs);
        await Promise.allSettled(senders.map((s) => s.close()));
        await store.close();
      },
    };
  } catch (error) {
    await Promise.allSettled(senders.map((s) => s.close()));
    await store.close();
    throw error;
  }
}

/**
 * The per-field explanation of how an integration's preset turned a stored event into its request (the `explain`
 * trace), in the shape the debugger shows: which rule set each body field, which rules set nothing and why.
 */
async function explainStored(
  store: Store,
  eventId: number,
  target: IntegrationTarget | undefined,
  ref: string | undefined,
): Promise<unknown> {
  const view = await store.event(eventId);
  if (view === undefined || target === undefined || ref === undefined) return undefined;
  const { path, preset } = splitPresetRef(ref);
  const trace = await explainEvent(path, JSON.parse(view.payload), target.settings, preset ? { preset } : {});
  return {
    fields: trace.fields.map((f) => ({ field: f.path || "(body)", rule: f.rule, line: f.line, value: f.value })),
    skipped: trace.skipped.map((s) => ({ rule: s.rule, line: s.line, reason: s.reason })),
  };
}

async function closeServer(server: RunningServer, drainMs: number): Promise<void> {
  const timeout = new Promise<void>((done) => setTimeout(done, drainMs).unref());
  await Promise.race([server.close(), timeout]);
  server.server.closeAllConnections();
}

/** Loads the integration's preset, resolves and validates its settings, and builds its sender. */
export async function buildTarget(
  entry: IntegrationConfig,
  store: Store,
  options: PipelineOptions,
  health: Map<string, TargetHealth>,
  onRateWait?: (ms: number) => void,
): Promise<{ target: IntegrationTarget; sender: RequestSender }> {
  const preset = await loadPreset(entry.preset, entry.presetName !== undefined ? { preset: entry.presetName } : {});
  const at = `integrations "${entry.name}".settings`;
  const resolved = resolveSettingSources(at, entry.settings, preset.meta.settings, options.env, options.secrets);
  if (!resolved.ok) throw new PipelineConfigError(resolved.problems);
  const checked = preset.validateSettings(resolved.settings, options.env);
  if (!checked.ok) throw new PipelineConfigError(checked.problems.map((p) => `${at}: ${p}`));
  const meta = preset.meta.integration as { name: string; rateLimit?: { limit: number; windowMs: number } };
  const override = entry.rateLimitPerMinute;
  // 0: nothing is held back up front, neither shared nor in this process (where the adapter declares its own).
  const overridden = override === 0 ? undefined : { limit: override!, windowMs: 60_000 };
  const integration = override === undefined ? meta : { ...meta, rateLimit: overridden };
  const localLimit = override === 0 ? Number.MAX_SAFE_INTEGER : override;
  const factory = await findAdapter(integration.name);
  const sender = createHttpSender({
    adapter: factory?.({ clock: systemClock }),
    baseUrl: entry.baseUrl,
    concurrency: options.config.concurrency,
    rateLimit: integration.rateLimit,
    ...(localLimit !== undefined ? { limiters: new RateLimiterRegistry({ limitPerMinute: localLimit }) } : {}),
    // Short retries in memory; longer ones are rows in the store with a due time, so a restart loses none.
    policy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: 3,
      maxTotalMs: 20_000,
      ambiguityWindowMs: options.config.ambiguityWindowMs,
    },
  });
  const target = new IntegrationTarget({
    name: entry.name,
    preset,
    settings: checked.settings as Settings,
    paused: entry.paused,
    sender,
    ...(entry.baseUrl !== undefined ? { baseUrl: entry.baseUrl } : {}),
    store,
    ...(integration.rateLimit !== undefined ? { rateLimit: integration.rateLimit } : {}),
    onAttempt: (status, error) =>
      health.set(entry.name, { lastStatus: status, lastError: error, lastEventAt: Date.now() }),
    ...(onRateWait !== undefined ? { onRateWait } : {}),
  });
  return { target, sender };
}

/** The debugger's password; one the config names but that cannot be found is a problem, not a missing debugger. */
function adminPassword(config: ServeConfig, options: PipelineOptions, problems: string[]): string | undefined {
  const source: SettingSource | undefined = config.admin?.password;
  if (source === undefined) return undefined;
  const declared = [{ name: "password", secret: true }];
  const resolved = resolveSettingSources("admin", { password: source }, declared, options.env, options.secrets);
  if (!resolved.ok) return void problems.push(...resolved.problems);
  return resolved.settings.password as string;
}
