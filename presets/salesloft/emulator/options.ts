// The emulator's switches: their types, their defaults and the checks that reject a nonsensical setting up front.

import type { ScriptedAnswer } from "../../../emulator/faults.js";
import type { RecorderLimits } from "../../../emulator/recorder.js";

export type { ScriptedAnswer };

/** What an API key may do and whose rate-limit budget it spends. */
export interface ApiKeyGrant {
  readonly team: string;
  readonly scopes: readonly string[];
}

/** `seed`: the body the seed document shows; `openapi`: the upsert result the OpenAPI definition describes. */
export type ResponseShape = "seed" | "openapi";

export interface EmulatorOptions {
  /** 0 (the default) picks an ephemeral port. */
  readonly port?: number;
  /** Only "127.0.0.1" is accepted: the emulator never listens beyond the loopback interface. */
  readonly host?: string;
  readonly apiKeys?: Readonly<Record<string, ApiKeyGrant>>;
  /** Names of the tenant's person custom fields. */
  readonly customFields?: readonly string[];
  readonly responseShape?: ResponseShape;
  /** Cost per team per clock minute; 0 or Infinity turns rate limiting off. */
  readonly rateLimitPerMinute?: number;
  /** Send `Retry-After` on a 429. Off by default because Salesloft does not document it. */
  readonly retryAfterHeader?: boolean;
  /** The clock (milliseconds since the epoch) behind rate-limit windows, timestamps and the Date header. */
  readonly now?: () => number;
  /** Fixed delay before every answer. */
  readonly latencyMs?: number;
  /** Share (0..1) of requests answered 500, 502 or 503. */
  readonly failureRate?: number;
  /** Share (0..1) of requests whose connection is destroyed without an answer. */
  readonly dropRate?: number;
  /** Seed of the generator behind failureRate and dropRate, so a run can be repeated exactly. */
  readonly seed?: number;
  /** Answers for the next upsert requests, used up one per request before normal handling resumes. */
  readonly failNext?: readonly ScriptedAnswer[];
  /** Status for a custom_fields key the tenant lacks; Salesloft's own choice is undocumented. */
  readonly unknownCustomFieldStatus?: 400 | 422;
  /**
   * How much of what it received the emulator keeps (default 10,000 requests, 50 MB, and the last 100,000 person
   * updates); fixed at start.
   */
  readonly record?: RecorderLimits & { readonly maxUpdates?: number };
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, "failNext" | "record">>;

/** The emulator's own fixed demo key: a fake value that grants nothing anywhere but this emulator. */
export const DEFAULT_API_KEY = "test-key";
/** A second fake demo key of the same team without the People scope, so a 403 can be seen from the command line. */
export const NO_PEOPLE_SCOPE_API_KEY = "test-key-no-people-scope";

export const DEFAULT_CUSTOM_FIELDS: readonly string[] = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "signal_landing_page",
  "signup_method",
];

export const LOOPBACK_HOST = "127.0.0.1";

const DEFAULTS: ResolvedOptions = {
  port: 0,
  host: LOOPBACK_HOST,
  apiKeys: {
    [DEFAULT_API_KEY]: { team: "team-1", scopes: ["people"] },
    [NO_PEOPLE_SCOPE_API_KEY]: { team: "team-1", scopes: [] },
  },
  customFields: DEFAULT_CUSTOM_FIELDS,
  responseShape: "seed",
  rateLimitPerMinute: 600,
  retryAfterHeader: false,
  now: () => Date.now(),
  latencyMs: 0,
  failureRate: 0,
  dropRate: 0,
  seed: 1,
  unknownCustomFieldStatus: 422,
};

/** Thrown for a switch that cannot mean anything, naming the switch. */
export class EmulatorOptionError extends Error {
  override readonly name = "EmulatorOptionError";
}

/** Lays `changes` over `base` (the defaults when absent) and checks the result; `failNext` is handled separately. */
export function resolveOptions(changes: EmulatorOptions, base: ResolvedOptions = DEFAULTS): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const {
    failNext: _scripted,
    record: _record,
    ...merged
  } = { ...base, ...defined } as ResolvedOptions & EmulatorOptions;
  checkOptions(merged);
  return merged;
}

function checkOptions(options: ResolvedOptions): void {
  if (options.host !== LOOPBACK_HOST) fail("host", `must be ${LOOPBACK_HOST}; the emulator only listens on loopback`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) fail("port", "must be 0..65535");
  if (!(options.rateLimitPerMinute >= 0)) fail("rateLimitPerMinute", "must be 0 (off), a positive number or Infinity");
  if (!(Number.isFinite(options.latencyMs) && options.latencyMs >= 0)) fail("latencyMs", "must be >= 0");
  checkShare("failureRate", options.failureRate);
  checkShare("dropRate", options.dropRate);
  if (!Number.isFinite(options.seed)) fail("seed", "must be a finite number");
  if (options.responseShape !== "seed" && options.responseShape !== "openapi") {
    fail("responseShape", 'must be "seed" or "openapi"');
  }
  if (options.unknownCustomFieldStatus !== 400 && options.unknownCustomFieldStatus !== 422) {
    fail("unknownCustomFieldStatus", "must be 400 or 422");
  }
  if (typeof options.now !== "function") fail("now", "must be a function returning milliseconds");
  checkApiKeys(options.apiKeys);
  if (!Array.isArray(options.customFields) || !options.customFields.every((name) => typeof name === "string")) {
    fail("customFields", "must be an array of names");
  }
}

function checkShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) fail(name, "must be between 0 and 1");
}

function checkApiKeys(apiKeys: Readonly<Record<string, ApiKeyGrant>>): void {
  if (typeof apiKeys !== "object" || apiKeys === null) fail("apiKeys", "must map keys to {team, scopes}");
  for (const grant of Object.values(apiKeys)) {
    // The key itself is never echoed: an error message may end up in a log.
    if (typeof grant?.team !== "string" || !Array.isArray(grant.scopes)) {
      fail("apiKeys", "every entry needs a team (string) and scopes (array of strings)");
    }
  }
}

/** Checks a scripted answer so a typo in a test fails loudly instead of producing a strange reply. */
export function checkScriptedAnswers(answers: readonly ScriptedAnswer[]): void {
  if (!Array.isArray(answers)) fail("failNext", 'must be an array of {status, body?, headers?} or "drop"');
  for (const answer of answers) {
    if (answer === "drop") continue;
    if (answer !== null && typeof answer === "object" && "delayMs" in answer) {
      const ms = (answer as { delayMs: unknown }).delayMs;
      if (!Number.isInteger(ms) || (ms as number) < 0 || (ms as number) > 600_000) {
        fail("failNext", "delayMs must be a whole number of milliseconds from 0 to 600000");
      }
      continue;
    }
    const status = (answer as { status?: unknown } | null)?.status;
    if (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599) {
      fail("failNext", 'entries must be "drop" or have an HTTP status between 200 and 599');
    }
  }
}

function fail(name: string, problem: string): never {
  throw new EmulatorOptionError(`Salesloft emulator option ${name} ${problem}`);
}
