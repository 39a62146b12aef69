// Wraps a compiled preset module into the transform the pipeline, the CLI and the tests call, and the prepare
// delivery calls (the outcome plus the send block, ordering key and rate-limit key behind it).

import { EventRefusal, eventLabel, readEvent, withTraits } from "./event/normalize.js";
import type { ErrorCode, ErrorOutcome, Outcome } from "./outcome.js";
import type { BuildResult, Clock, PresetModule, SendSpec } from "./preset-module.js";
import { perSettings } from "./per-settings.js";
import { redactText } from "./redact.js";
import { compileBodyCheck, type BodyCheck } from "./request-schema.js";
import { rateKeyFor, routerFor, unhandledReason } from "./routing.js";
import { validateSettings, type Environment, type SettingsResult } from "./settings.js";
import type { NormalizedEvent, Settings } from "./values.js";

/** The module's description without its code (build and the generated body checks). */
export type PresetMeta = Omit<PresetModule, "build" | "bodyChecks">;

/** Options of one transform: `now` is the clock `now()` reads (default: the system clock). */
export interface TransformOptions {
  readonly now?: () => Date;
}

/** What delivery needs for one event: the outcome, and for a request the block, ordering key and limiter key. */
export interface Prepared {
  readonly outcome: Outcome;
  readonly send?: SendSpec;
  readonly orderKey?: string;
  readonly rateKey?: string;
}

export interface Preset {
  readonly meta: PresetMeta;
  /** `integration/preset`, e.g. "salesloft/lead_capture", as messages name it. */
  readonly name: string;
  /** validateSettings with this preset's declarations; env falls back to `<INTEGRATION>_<SETTING>`. */
  validateSettings(input: unknown, env?: Environment): SettingsResult;
  /**
   * Exactly one outcome per event; never throws. Settings are checked against the preset's declarations (once per
   * settings object): a missing required setting gives an `invalid_settings` error, never a request without it.
   */
  transform(event: unknown, settings: Settings, options?: TransformOptions): Outcome;
  /** transform, plus what delivery needs to send the request: never throws either. */
  prepare(event: unknown, settings: Settings, options?: TransformOptions): Prepared;
}

const SYSTEM_CLOCK: Clock = Object.freeze({ now: () => new Date() });

/** Throws only when a request schema does not compile: a broken preset should fail when it is loaded. */
export function createPreset(module: PresetModule): Preset {
  const { build: _code, bodyChecks: _checks, ...meta } = module;
  const name = `${module.integration.name}/${module.preset.name}`;
  const handles = routerFor(module);
  const bodyChecks = compileBodyChecks(module, name);
  const secretNames = module.settings.filter((spec) => spec.secret).map((spec) => spec.name);
  const settingsFor = settingsCache(module);
  const dropReason = dropReasons(name);
  // The limiter key hashes the secret settings: once per (checked, so stable) settings object, not once per event.
  const rateKeyOf = perSettings((settings) => rateKeyFor(module, settings));

  /**
   * The outcome of one event. For delivery, `sink` (made only by prepare) receives the build result and the checked
   * settings behind a request; transform allocates nothing beyond the outcome.
   */
  function run(input: unknown, settings: Settings, options: TransformOptions | undefined, sink?: Sink): Outcome {
    let messageId: string | null = null;
    try {
      const read = readEvent(input);
      if (read instanceof EventRefusal) return failure(read.messageId, "invalid_event", read.message);
      messageId = read.messageId;
      // Routed before the traits are merged: a dropped event (most traffic, for most presets) costs no merge. A
      // module that reads each trait by name merges nothing at all: build reads them where it needs them.
      if (!handles(read)) return { messageId, outcome: "drop", reason: dropReason(read) };
      const event = module.traitsByKey === true ? read : withTraits(read, module.traitKeys);
      if (event instanceof EventRefusal) return failure(event.messageId, "invalid_event", event.message);
      const checked = settingsFor(settings);
      if (!checked.ok) {
        const message = `${eventLabel(messageId)}: the settings of ${name} are not usable: ${checked.problems.join("; ")}`;
        return failure(messageId, "invalid_settings", message);
      }
      const clock = typeof options?.now === "function" ? { now: options.now } : SYSTEM_CLOCK;
      const result = module.build(event, checked.settings, clock);
      if (sink !== undefined) {
        sink.result = result;
        sink.settings = checked.settings;
      }
      return fromBuild(event, result, name, bodyChecks);
    } catch (error) {
      // The last line of defence: build is generated never to throw, but a bug must not stop a stream.
      const secrets = secretNames.map((key) => settings?.[key]).filter((v): v is string => typeof v === "string");
      const message = `${eventLabel(messageId)}: ${name} failed: ${redactText(messageOf(error), secrets)}`;
      return failure(messageId, "internal", message);
    }
  }

  function prepare(input: unknown, settings: Settings, options: TransformOptions | undefined): Prepared {
    const sink: Sink = {};
    const outcome = run(input, settings, options, sink);
    const { result } = sink;
    if (outcome.outcome !== "send" || result?.kind !== "request" || sink.settings === undefined) return { outcome };
    const send = module.sends?.[result.send];
    const orderKey = typeof result.orderKey === "string" ? result.orderKey : undefined;
    const rateKey = rateKeyOf(sink.settings);
    return { outcome, ...(send ? { send } : {}), ...(orderKey !== undefined ? { orderKey } : {}), rateKey };
  }

  return {
    meta,
    name,
    validateSettings: (input, env) => validateSettings(module.settings, input, env, module.integration.name),
    transform: (event, settings, options) => run(event, settings, options),
    prepare,
  };
}

/**
 * The drop reason of an event the preset does not handle, remembered per event name and per call type: most traffic
 * a preset drops is a few names (page views, clicks), and the reason quotes the name as JSON. Bounded, so odd input
 * cannot grow it without end.
 */
function dropReasons(name: string): (event: NormalizedEvent) => string {
  const byName = new Map<string, string>();
  const byType = new Map<string, string>();
  return (event) => {
    const known = event.event !== undefined ? byName : byType;
    const key = event.event ?? event.type;
    let reason = known.get(key);
    if (reason === undefined) {
      if (known.size >= 256) known.clear();
      known.set(key, (reason = `${unhandledReason(event)} by ${name}`));
    }
    return reason;
  };
}

/** What prepare learns from run besides the outcome. */
interface Sink {
  result?: BuildResult;
  settings?: Settings;
}

/** Settings are checked once per settings object, not once per event: a pipeline passes the same object each time. */
function settingsCache(module: PresetModule): (settings: unknown) => SettingsResult {
  const checked = perSettings((settings) => validateSettings(module.settings, settings));
  return (settings) =>
    settings !== null && typeof settings === "object"
      ? checked(settings as Settings)
      : validateSettings(module.settings, settings);
}

/**
 * One body check per send block; a module without `sends` (hand-written, version 1) checks its one schema. Where the
 * module carries a generated check, a body it passes is valid; one it refuses goes to ajv, whose verdict and
 * messages stay the outcome's (ajv is compiled at load either way, so a broken schema still fails there).
 */
function compileBodyChecks(module: PresetModule, name: string): (BodyCheck | undefined)[] {
  const schemas = module.sends?.length ? module.sends.map((s) => s.requestSchema) : [module.requestSchema];
  try {
    return schemas.map((schema, index) => {
      if (schema === undefined) return undefined;
      const full = compileBodyCheck(schema);
      const generated = module.bodyChecks?.[index];
      if (typeof generated !== "function") return full;
      return (body) => (generated(body) === undefined ? NO_PROBLEMS : full(body));
    });
  } catch (error) {
    throw new Error(`the request schema of ${name} does not compile: ${messageOf(error)}`);
  }
}

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

function fromBuild(
  event: NormalizedEvent,
  result: BuildResult,
  name: string,
  checks: (BodyCheck | undefined)[],
): Outcome {
  const messageId = event.messageId;
  if (result?.kind === "error") return failure(messageId, result.code, result.message);
  if (result?.kind === "drop") return { messageId, outcome: "drop", reason: result.reason };
  if (result?.kind !== "request") {
    return failure(messageId, "internal", `${eventLabel(messageId)}: ${name} built no request`);
  }
  const broken = brokenHeader(result.request.headers);
  if (broken !== undefined) {
    const message = `${eventLabel(messageId)}: header ${JSON.stringify(broken)} of ${name} holds a line break`;
    return failure(messageId, "invalid_request", message);
  }
  const check = checks[typeof result.send === "number" ? result.send : 0];
  const problems = check?.(result.request.body) ?? NO_PROBLEMS;
  if (problems.length > 0) {
    const message = `${eventLabel(messageId)}: the request body breaks the request schema of ${name}: ${problems.join("; ")}`;
    return failure(messageId, "invalid_request", message);
  }
  // build returns a fresh warnings list per event, so it is handed on as it is.
  return { messageId, outcome: "send", request: result.request, warnings: result.warnings ?? [] };
}

/**
 * The first header (in insertion order) whose value holds CR or LF, which would let an event split the request (or
 * make the HTTP client throw later). It runs on every request, so it allocates nothing.
 */
function brokenHeader(headers: Readonly<Record<string, string>>): string | undefined {
  for (const key in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, key)) continue;
    const value = headers[key];
    if (typeof value === "string" && (value.indexOf("\n") !== -1 || value.indexOf("\r") !== -1)) return key;
  }
  return undefined;
}

function failure(messageId: string | null, code: ErrorCode, message: string): ErrorOutcome {
  return { messageId, outcome: "error", code, message };
}

// Even reading a thrown value can throw (a toString that throws); the outcome must still be made.
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "an unreadable error";
  }
}
