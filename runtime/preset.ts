// Wraps a compiled preset module into the transform the pipeline, the CLI and the tests call.

import { eventLabel, normalizeEvent } from "./event/normalize.js";
import type { ErrorCode, ErrorOutcome, Outcome } from "./outcome.js";
import type { BuildResult, PresetModule } from "./preset-module.js";
import { redactText } from "./redact.js";
import { compileBodyCheck, type BodyCheck } from "./request-schema.js";
import { validateSettings, type Environment, type SettingsResult } from "./settings.js";
import type { NormalizedEvent, Settings } from "./values.js";

/** The module's description without its code. */
export type PresetMeta = Omit<PresetModule, "build">;

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
  transform(event: unknown, settings: Settings): Outcome;
}

/** Throws only when the module's request schema does not compile: a broken preset should fail when it is loaded. */
export function createPreset(module: PresetModule): Preset {
  const { build: _code, ...meta } = module;
  const name = `${module.integration.name}/${module.preset.name}`;
  const handled = new Set(module.events);
  let checkBody: BodyCheck | undefined;
  try {
    checkBody = module.requestSchema === undefined ? undefined : compileBodyCheck(module.requestSchema);
  } catch (error) {
    throw new Error(`the request schema of ${name} does not compile: ${messageOf(error)}`);
  }
  const secretNames = module.settings.filter((spec) => spec.secret).map((spec) => spec.name);

  // Settings are checked once per settings object, not once per event: a pipeline passes the same object each time.
  const checkedSettings = new WeakMap<object, SettingsResult>();
  const settingsFor = (settings: unknown): SettingsResult => {
    if (settings === null || typeof settings !== "object") return validateSettings(module.settings, settings);
    let checked = checkedSettings.get(settings);
    if (checked === undefined) {
      checked = validateSettings(module.settings, settings);
      checkedSettings.set(settings, checked);
    }
    return checked;
  };

  function transform(input: unknown, settings: Settings): Outcome {
    let messageId: string | null = null;
    try {
      const normalized = normalizeEvent(input);
      if (!normalized.ok) return failure(normalized.messageId, "invalid_event", normalized.message);
      const event = normalized.event;
      messageId = event.messageId;
      if (event.event === undefined || !handled.has(event.event)) {
        return { messageId, outcome: "drop", reason: `${unhandled(event)} by ${name}` };
      }
      const checked = settingsFor(settings);
      if (!checked.ok) {
        const message = `${eventLabel(messageId)}: the settings of ${name} are not usable: ${checked.problems.join("; ")}`;
        return failure(messageId, "invalid_settings", message);
      }
      return fromBuild(event, module.build(event, checked.settings), name, checkBody);
    } catch (error) {
      // The last line of defence: build is generated never to throw, but a bug must not stop a stream.
      const secrets = secretNames.map((key) => settings?.[key]).filter((v): v is string => typeof v === "string");
      const message = `${eventLabel(messageId)}: ${name} failed: ${redactText(messageOf(error), secrets)}`;
      return failure(messageId, "internal", message);
    }
  }

  return {
    meta,
    name,
    validateSettings: (input, env) => validateSettings(module.settings, input, env, module.integration.name),
    transform,
  };
}

function unhandled(event: NormalizedEvent): string {
  if (event.event !== undefined) return `event ${JSON.stringify(event.event)} is not handled`;
  if (event.type === "track") return "track calls without an event name are not handled";
  return `${event.type} calls are not handled`;
}

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

function fromBuild(event: NormalizedEvent, result: BuildResult, name: string, checkBody?: BodyCheck): Outcome {
  const messageId = event.messageId;
  if (result?.kind === "error") return failure(messageId, result.code, result.message);
  if (result?.kind !== "request") {
    return failure(messageId, "internal", `${eventLabel(messageId)}: ${name} built no request`);
  }
  const problems = checkBody?.(result.request.body) ?? NO_PROBLEMS;
  if (problems.length > 0) {
    const message = `${eventLabel(messageId)}: the request body breaks the request schema of ${name}: ${problems.join("; ")}`;
    return failure(messageId, "invalid_request", message);
  }
  // build returns a fresh warnings list per event, so it is handed on as it is.
  return { messageId, outcome: "send", request: result.request, warnings: result.warnings ?? [] };
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
