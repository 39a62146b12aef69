// The generic emulator: serves an integration from its emulator module and request schemas — routes, credential,
// schema validation, documented answers, rate limit, fault injection and a bounded record of what it received.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../loader/paths.js";
import { compileBodyCheck, type BodyCheck } from "../runtime/request-schema.js";
import { decodeBody } from "./body.js";
import { FaultInjector, type ScriptedAnswer } from "./faults.js";
import type { EmulatorModule, EmulatorRoute } from "./module.js";
import { routesFromPresets } from "./preset-routes.js";
import { FixedWindowRateLimiter, secondsUntil } from "./rate-limit.js";
import { RequestRecorder, type RecordedRequest, type RecorderLimits } from "./recorder.js";
import { jsonReply, type Reply } from "./replies.js";
import { startServer, type Answered, type IncomingExchange } from "./server.js";

export interface GenericEmulatorOptions extends RecorderLimits {
  /** 0 (the default) picks an ephemeral port. The emulator listens on 127.0.0.1 only. */
  readonly port?: number;
  /** Accepted credentials; default: the module's demo credential. */
  readonly credentials?: readonly string[];
  /** Requests per account per window; default the module's documented limit; 0 turns limiting off. */
  readonly rateLimit?: number;
  readonly retryAfterHeader?: boolean;
  readonly failureRate?: number;
  readonly dropRate?: number;
  readonly seed?: number;
  readonly latencyMs?: number;
  /** Answers for the next requests, used up one per request. */
  readonly failNext?: readonly ScriptedAnswer[];
  readonly now?: () => number;
}

export interface RunningEmulator {
  readonly url: string;
  requests(): RecordedRequest[];
  /** Appends scripted answers (429 with or without Retry-After, 5xx, "drop") for the next requests. */
  failNext(answers: readonly ScriptedAnswer[]): void;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly route: EmulatorRoute;
  readonly pattern: RegExp;
  readonly check: BodyCheck | undefined;
}

/** Starts the emulator of `integration` (its folder holds the schemas the module names). */
export async function startGenericEmulator(
  integration: string,
  module: EmulatorModule,
  options: GenericEmulatorOptions = {},
): Promise<RunningEmulator> {
  const declared = module.routes ?? (await routesFromPresets(integration));
  const routes = declared.map((route) => compileRoute(integration, route));
  const now = options.now ?? (() => Date.now());
  const faults = new FaultInjector(options.seed ?? 1, (status) => errorBody(module, status));
  faults.enqueue(options.failNext ?? []);
  const recorder = new RequestRecorder(options);
  const state: ServingState = { module, options, routes, faults, now, limiter: new FixedWindowRateLimiter() };
  const server = await startServer(
    {
      port: options.port ?? 0,
      host: "127.0.0.1",
      now,
      latencyMs: () => options.latencyMs ?? 0,
      answer: (exchange) => answerExchange(exchange, state),
      secretQueryParams: module.secretQueryParams,
      maxBodyBytes: module.maxBodyBytes,
    },
    recorder,
  );
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests: () => recorder.list(),
    failNext: (answers) => faults.enqueue(answers),
    close: () => server.close(),
  };
}

interface ServingState {
  readonly module: EmulatorModule;
  readonly options: GenericEmulatorOptions;
  readonly routes: readonly CompiledRoute[];
  readonly faults: FaultInjector;
  readonly limiter: FixedWindowRateLimiter;
  readonly now: () => number;
}

/** Route, credential, rate limit, injected faults, then the schema check and the documented answer. */
function answerExchange(exchange: IncomingExchange, state: ServingState): Answered {
  const { module, options } = state;
  const decodedBody = exchange.body.ok ? decodeBody(exchange.body.text, exchange.contentType) : undefined;
  const path = exchange.url.pathname;
  const matched = state.routes.find((r) => r.route.method === exchange.method && r.pattern.test(path));
  if (!matched) return { reply: jsonReply(404, errorBody(module, 404)), team: undefined, decodedBody };
  const credentials = options.credentials ?? (module.demoCredential ? [module.demoCredential] : []);
  const auth = module.authenticate?.(exchange, credentials) ?? { ok: true as const, account: "default" };
  if (!auth.ok) return { reply: auth.reply, team: undefined, decodedBody };
  const limited = rateLimit(module, options, state.limiter, auth.account, state.now());
  const rates = { failureRate: options.failureRate ?? 0, dropRate: options.dropRate ?? 0 };
  const answer = (): Reply => validAnswer(module, matched, decodedBody, exchange);
  const fault = limited ?? state.faults.takeScripted() ?? state.faults.roll(rates);
  // A held request reaches the endpoint only after its delay.
  const reply = fault === undefined ? answer() : fault.kind === "defer" ? { ...fault, then: answer } : fault;
  return { reply, team: auth.account, decodedBody };
}

function validAnswer(
  module: EmulatorModule,
  matched: CompiledRoute,
  decoded: ReturnType<typeof decodeBody> | undefined,
  exchange: IncomingExchange,
): Reply {
  if (decoded === undefined) return jsonReply(413, errorBody(module, 413));
  const body = decoded.ok ? decoded.value : undefined;
  const problems = !decoded.ok ? [decoded.message] : (matched.check?.(body) ?? []);
  if (problems.length > 0) {
    return module.invalid?.(matched.route, problems, body) ?? jsonReply(400, { error: problems.join("; ") });
  }
  return module.accept?.(matched.route, body, exchange) ?? jsonReply(200, {});
}

function rateLimit(
  module: EmulatorModule,
  options: GenericEmulatorOptions,
  limiter: FixedWindowRateLimiter,
  account: string,
  now: number,
): Reply | undefined {
  const limit = options.rateLimit ?? module.rateLimit?.limit ?? 0;
  const windowMs = module.rateLimit?.windowMs ?? 60_000;
  const decision = limiter.take(account, limit, now, 1, windowMs);
  if (decision.allowed) return undefined;
  const seconds = options.retryAfterHeader ? secondsUntil(decision.windowEndsAt, now) : undefined;
  const reply = module.rateLimited?.(seconds) ?? jsonReply(429, errorBody(module, 429));
  if (seconds === undefined || reply.kind !== "answer") return reply;
  return { ...reply, headers: { ...reply.headers, "retry-after": String(seconds) } };
}

function errorBody(module: EmulatorModule, status: number): unknown {
  return module.errorBody?.(status) ?? { error: `HTTP ${status}` };
}

function compileRoute(integration: string, route: EmulatorRoute): CompiledRoute {
  const source = route.path
    .split(/\{[^{}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  let check: BodyCheck | undefined;
  if (route.schemaObject !== undefined) check = compileBodyCheck(route.schemaObject);
  else if (route.schema !== undefined) {
    const schema = JSON.parse(readFileSync(join(packageRoot, "presets", integration, route.schema), "utf8")) as object;
    check = compileBodyCheck(schema);
  }
  return { route, pattern: new RegExp(`^${source}$`), check };
}
