// The live pipeline's config file (CONTRACT section 7): read, validated with messages that name the key, resolved.

import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { DEFAULT_AMBIGUITY_WINDOW_MS } from "../delivery/ambiguity.js";
import { suggest } from "../diagnostics/suggest.js";

export type SettingSource = string | number | boolean | { readonly env: string } | { readonly secret: string };

export interface IntegrationConfig {
  readonly name: string;
  /** Path of the .map file, resolved against the config file's folder; `FILE.map#preset` names one of several. */
  readonly preset: string;
  readonly presetName?: string;
  readonly settings: Readonly<Record<string, SettingSource>>;
  readonly baseUrl?: string;
  /**
   * Overrides the preset's declared rate limit (a team whose limit the destination raised or lowered); 0: nothing is
   * held back up front (429s and rate-limit headers still count), for a team without a limit.
   */
  readonly rateLimitPerMinute?: number;
  readonly paused: boolean;
}

export interface ServeConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly store: string;
  readonly sources: readonly { readonly name: string; readonly writeKey: string }[];
  readonly corsOrigins: readonly string[];
  readonly trustedProxies: readonly string[];
  readonly limits: { readonly eventBytes: number; readonly requestBytes: number };
  readonly admin?: { readonly password: SettingSource };
  readonly retentionMs: number;
  readonly maxAgeMs: number;
  readonly concurrency: number;
  /** How long a batching integration lets rows gather after a claim that did not fill a batch. */
  readonly batchWaitMs?: number;
  /** How long after an ambiguous attempt the person's queue is held (delivery/ambiguity.ts). */
  readonly ambiguityWindowMs: number;
  readonly integrations: readonly IntegrationConfig[];
}

export const DEFAULT_LIMITS = { eventBytes: 32 * 1024, requestBytes: 500 * 1024 };
const DAY = 86_400_000;

export type ConfigResult = { ok: true; config: ServeConfig } | { ok: false; problems: string[] };

const TOP_KEYS = [
  "listen",
  "store",
  "sources",
  "cors",
  "trustedProxies",
  "limits",
  "admin",
  "retentionDays",
  "delivery",
  "integrations",
];

/** Reads and validates a config file; relative paths inside it are taken from the file's folder. */
export function readServeConfig(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, problems: [`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${path} is not valid JSON: ${(error as Error).message}`] };
  }
  return parseServeConfig(data, dirname(resolve(path)));
}

/** Validates config data and fills in defaults; every problem is reported at once, each naming its key. */
export function parseServeConfig(data: unknown, baseDir: string): ConfigResult {
  const problems: string[] = [];
  if (!isObject(data)) return { ok: false, problems: ["the config must be a JSON object"] };
  checkKeys(data, TOP_KEYS, "", problems);
  const listen = readListen(data.listen, problems);
  const sources = readSources(data.sources, problems);
  const integrations = readIntegrations(data.integrations, baseDir, problems);
  const cors = section(data, "cors", SECTIONS.cors, problems);
  const limits = section(data, "limits", SECTIONS.limits, problems);
  const admin = readAdmin(data.admin, problems);
  const delivery = section(data, "delivery", SECTIONS.delivery, problems);
  const config: ServeConfig = {
    listen,
    store: readStore(data.store, baseDir, problems),
    sources,
    corsOrigins: stringList(cors.origins, "cors.origins", problems),
    trustedProxies: stringList(data.trustedProxies, "trustedProxies", problems),
    limits: {
      eventBytes: positive(limits.eventBytes, "limits.eventBytes", DEFAULT_LIMITS.eventBytes, problems),
      requestBytes: positive(limits.requestBytes, "limits.requestBytes", DEFAULT_LIMITS.requestBytes, problems),
    },
    admin,
    retentionMs: positive(data.retentionDays, "retentionDays", 7, problems) * DAY,
    maxAgeMs: positive(delivery.maxAgeHours, "delivery.maxAgeHours", 24, problems) * 3_600_000,
    concurrency: positive(delivery.concurrency, "delivery.concurrency", 8, problems),
    batchWaitMs: positive(delivery.batchWaitMs, "delivery.batchWaitMs", 200, problems),
    ambiguityWindowMs:
      positive(
        delivery.ambiguityWindowSeconds,
        "delivery.ambiguityWindowSeconds",
        DEFAULT_AMBIGUITY_WINDOW_MS / 1000,
        problems,
      ) * 1000,
    integrations,
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

function readListen(value: unknown, problems: string[]): ServeConfig["listen"] {
  if (value === undefined) return { host: "127.0.0.1", port: 8080 };
  if (!isObject(value)) {
    problems.push('"listen" must be an object like {"host": "127.0.0.1", "port": 8080}');
    return { host: "127.0.0.1", port: 8080 };
  }
  checkKeys(value, ["host", "port"], "listen", problems);
  const host = typeof value.host === "string" && value.host !== "" ? value.host : "127.0.0.1";
  const port = value.port ?? 8080;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push('"listen.port" must be a whole number from 0 to 65535 (0 picks a free port)');
  }
  return { host, port: typeof port === "number" ? port : 8080 };
}

function readStore(value: unknown, baseDir: string, problems: string[]): string {
  if (value === undefined) return `sqlite:${resolve(baseDir, "signal-map.db")}`;
  if (typeof value === "string" && value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length);
    return file === ":memory:" ? value : `sqlite:${isAbsolute(file) ? file : resolve(baseDir, file)}`;
  }
  if (typeof value === "string" && /^postgres(ql)?:\/\//.test(value)) return value;
  problems.push('"store" must be "sqlite:PATH" or a postgres:// URL');
  return "sqlite::memory:";
}

function readSources(value: unknown, problems: string[]): ServeConfig["sources"] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('"sources" must list at least one source: [{"name": "web", "writeKey": "…"}]');
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((item, i) => {
    const at = `sources[${i}]`;
    if (!isObject(item) || typeof item.name !== "string" || typeof item.writeKey !== "string" || item.writeKey === "") {
      problems.push(`${at} needs a "name" and a non-empty "writeKey"`);
      return [];
    }
    checkKeys(item, ["name", "writeKey"], at, problems);
    if (seen.has(item.writeKey)) problems.push(`${at}: the write key of "${item.name}" is used by another source`);
    seen.add(item.writeKey);
    return [{ name: item.name, writeKey: item.writeKey }];
  });
}

function readIntegrations(value: unknown, baseDir: string, problems: string[]): IntegrationConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('"integrations" must be a list');
    return [];
  }
  const names = new Set<string>();
  return value.flatMap((item, i) => {
    const at = `integrations[${i}]`;
    if (!isObject(item) || typeof item.name !== "string" || typeof item.preset !== "string") {
      problems.push(`${at} needs a "name" and a "preset" (the .map file)`);
      return [];
    }
    checkKeys(item, INTEGRATION_KEYS, at, problems);
    if (names.has(item.name)) problems.push(`${at}: the name "${item.name}" is used twice`);
    names.add(item.name);
    const [file, presetName] = item.preset.split("#");
    const baseUrl = readBaseUrl(item.baseUrl, `${at}.baseUrl`, problems);
    return [
      {
        name: item.name,
        preset: resolve(baseDir, file),
        presetName: presetName === undefined || presetName === "" ? undefined : presetName,
        settings: readSettings(item.settings, `${at}.settings`, problems),
        baseUrl,
        ...(item.rateLimitPerMinute !== undefined
          ? { rateLimitPerMinute: rateLimitOverride(item.rateLimitPerMinute, `${at}.rateLimitPerMinute`, problems) }
          : {}),
        paused: item.paused === true,
      },
    ];
  });
}

function readBaseUrl(value: unknown, at: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && /^https?:\/\/[^/]+\/?$/.test(value)) return value.replace(/\/$/, "");
  problems.push(`${at} must be an http(s) origin such as "http://127.0.0.1:9999"`);
  return undefined;
}

function readSettings(value: unknown, at: string, problems: string[]): Record<string, SettingSource> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.push(`${at} must be an object`);
    return {};
  }
  const out: Record<string, SettingSource> = {};
  for (const [key, source] of Object.entries(value)) {
    const read = readSource(source);
    if (read === undefined) {
      problems.push(`${at}.${key} must be a literal, {"env": "NAME"} or {"secret": "integration/name"}`);
    } else {
      out[key] = read;
    }
  }
  return out;
}

function readAdmin(value: unknown, problems: string[]): ServeConfig["admin"] {
  if (value === undefined) return undefined;
  if (isObject(value)) checkKeys(value, ["password"], "admin", problems);
  const password = isObject(value) ? readSource(value.password) : undefined;
  if (password === undefined || typeof password !== "object") {
    problems.push('"admin.password" must be {"env": "NAME"} or {"secret": "admin/password"}, never a literal');
    return undefined;
  }
  return { password };
}

function readSource(value: unknown): SettingSource | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (isObject(value) && Object.keys(value).length === 1) {
    if (typeof value.env === "string" && value.env !== "") return { env: value.env };
    if (typeof value.secret === "string" && value.secret.includes("/")) return { secret: value.secret };
  }
  return undefined;
}

function stringList(value: unknown, at: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  problems.push(`"${at}" must be a list of strings`);
  return [];
}

function positive(value: unknown, at: string, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  problems.push(`"${at}" must be a positive number`);
  return fallback;
}

function rateLimitOverride(value: unknown, at: string, problems: string[]): number {
  if (value === 0) return 0;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  problems.push(`"${at}" must be a positive number of requests a minute, or 0 for no limit`);
  return 600;
}

/** The keys each object section may hold, and what a wrong one should look like. */
const SECTIONS = {
  cors: { keys: ["origins"], example: '{"origins": ["https://www.example.com"]}' },
  limits: { keys: ["eventBytes", "requestBytes"], example: '{"eventBytes": 32768, "requestBytes": 512000}' },
  delivery: {
    keys: ["maxAgeHours", "concurrency", "batchWaitMs", "ambiguityWindowSeconds"],
    example: '{"maxAgeHours": 24, "concurrency": 8}',
  },
} as const;

const INTEGRATION_KEYS = ["name", "preset", "settings", "baseUrl", "rateLimitPerMinute", "paused"];

/** An optional object section (`cors`, `limits`, `delivery`): its keys checked, {} when absent or not an object. */
function section(
  data: Record<string, unknown>,
  key: keyof typeof SECTIONS,
  spec: { readonly keys: readonly string[]; readonly example: string },
  problems: string[],
): Record<string, unknown> {
  const value = data[key];
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.push(`"${key}" must be an object like ${spec.example}`);
    return {};
  }
  checkKeys(value, spec.keys, key, problems);
  return value;
}

/**
 * Every key the object holds that is not one of `known` is a problem: an ignored key is a setting silently lost (a
 * misspelt "baseURL" would send to the destination's real API instead of the emulator).
 */
function checkKeys(value: Record<string, unknown>, known: readonly string[], at: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = suggest(key, known);
    problems.push(
      `unknown key "${at === "" ? "" : `${at}.`}${key}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
