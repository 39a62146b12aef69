// Validates a preset's settings: declared names and types, required ones present, env fallback, ISO regions, the
// values a `one of` allows and the `default` of one not given.

// The one "did you mean" rule of the project, so a settings hint reads like a checker hint.
import { suggest } from "../diagnostics/suggest.js";
import type { SettingSpec, SettingType } from "./preset-module.js";
import { isoRegion } from "./region.js";
import { jsonTypeName } from "./schema-problems.js";
import { to_bool, to_number } from "./stdlib/convert.js";
import type { Settings } from "./values.js";

export type SettingsResult =
  { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly string[] };

export type Environment = Readonly<Record<string, string | undefined>>;

type SettingValue = string | number | boolean;

/** Where a setting's value came from, as a problem message names it. */
interface Source {
  readonly label: string;
  readonly fromEnv: boolean;
}

/** `SALESLOFT_API_KEY` for integration "salesloft", setting "api_key"; other characters become `_`. */
export function settingEnvName(integration: string, setting: string): string {
  return `${integration}_${setting}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}

/**
 * Checks `input` (the parsed settings file; absent means none) against the declared settings. A setting missing from
 * the input is read from `env` under settingEnvName(integration, name) when both are given. Every problem is
 * reported; no message ever contains the value of a secret.
 */
export function validateSettings(
  specs: readonly SettingSpec[],
  input: unknown,
  env?: Environment,
  integration?: string,
): SettingsResult {
  if (input !== undefined && input !== null && (typeof input !== "object" || Array.isArray(input))) {
    return { ok: false, problems: [`settings must be a JSON object, got ${jsonTypeName(input)}`] };
  }
  const given = (input ?? {}) as Record<string, unknown>;
  const problems = unknownSettings(specs, given);
  const entries: [string, SettingValue][] = [];
  for (const spec of specs) {
    const value = readSetting(spec, given, env, integration, problems);
    if (value !== undefined) entries.push([spec.name, value]);
  }
  // Frozen: generated code makes values from the settings alone once per checked object (perSettings).
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, settings: Object.freeze(Object.fromEntries(entries)) };
}

function readSetting(
  spec: SettingSpec,
  given: Record<string, unknown>,
  env: Environment | undefined,
  integration: string | undefined,
  problems: string[],
): SettingValue | undefined {
  const envName = integration === undefined ? undefined : settingEnvName(integration, spec.name);
  let raw = Object.prototype.hasOwnProperty.call(given, spec.name) ? given[spec.name] : undefined;
  let source: Source = { label: `setting "${spec.name}"`, fromEnv: false };
  if (isBlank(raw) && envName !== undefined && env !== undefined && !isBlank(env[envName])) {
    raw = env[envName];
    source = { label: `environment variable ${envName} (setting "${spec.name}")`, fromEnv: true };
  }
  if (isBlank(raw)) {
    if (spec.default !== undefined) return spec.default;
    if (spec.required) problems.push(missingMessage(spec.name, envName));
    return undefined;
  }
  // A line break in a credential would split the HTTP header: one settings error, before any event is sent.
  if (spec.type === "secret" && typeof raw === "string" && /[\r\n]/.test(raw.trim())) {
    problems.push(`${spec.name} contains a line break (${source.label}); remove it`);
    return undefined;
  }
  const value = convertSetting(spec.type, raw, source.fromEnv);
  if (value === undefined) problems.push(`${source.label} ${expectation(spec, raw, source.fromEnv)}`);
  if (value === undefined || spec.values === undefined) return value;
  const allowed = oneOf(spec.values, value);
  if (allowed === undefined) problems.push(`${source.label} ${notOneOf(spec, value)}`);
  return allowed;
}

/**
 * The listed value `value` stands for: itself, or for text the one listed value equal to it trimmed and ignoring
 * case (`" eu "` is `"EU"`), spelt as listed so presets compare exactly. Undefined when none (or several) match.
 */
function oneOf(values: readonly SettingValue[], value: SettingValue): SettingValue | undefined {
  if (values.includes(value)) return value;
  if (typeof value !== "string") return undefined;
  const loose = value.trim().toLowerCase();
  const matches = values.filter((option) => typeof option === "string" && option.toLowerCase() === loose);
  return matches.length === 1 ? matches[0] : undefined;
}

/** `one of`: the allowed values and the value given, unless the setting is secret (then neither is shown). */
function notOneOf(spec: SettingSpec, value: SettingValue): string {
  if (spec.secret) return "is not one of its allowed values (not shown: the setting is secret)";
  const allowed = (spec.values ?? []).map((option) => JSON.stringify(option)).join(", ");
  const got =
    typeof value !== "string" || harmless(value)
      ? JSON.stringify(value)
      : `text of ${value.length} characters (not shown: it may be a credential)`;
  const guess = typeof value === "string" ? suggest(value.trim(), (spec.values ?? []).map(String)) : undefined;
  return `must be one of ${allowed}, got ${got}${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function missingMessage(name: string, envName: string | undefined): string {
  const where = envName === undefined ? "" : ` (in the settings or the environment variable ${envName})`;
  return `missing required setting "${name}"${where}`;
}

// Environment variables are always text, so numbers and booleans are read from their words there; in a settings
// file they must have their JSON type. Secrets and regions are tokens: surrounding space (a key file's trailing
// newline) is never meant, and would break an Authorization header.
function convertSetting(type: SettingType, raw: unknown, fromEnv: boolean): SettingValue | undefined {
  switch (type) {
    case "string":
      return typeof raw === "string" ? raw : undefined;
    case "secret":
      return typeof raw === "string" ? raw.trim() : undefined;
    case "region":
      return isoRegion(raw);
    case "number": {
      const value = fromEnv ? to_number(raw) : raw;
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    }
    case "boolean":
      return fromEnv ? to_bool(raw) : typeof raw === "boolean" ? raw : undefined;
  }
}

/** What the value should have been, and what it was. */
function expectation(spec: SettingSpec, raw: unknown, fromEnv: boolean): string {
  const got = foundValue(spec, raw, fromEnv);
  switch (spec.type) {
    case "region":
      return `must be an ISO 3166-1 alpha-2 region code such as "GB", got ${got}`;
    case "number":
      return `must be a number, got ${got}`;
    case "boolean":
      return fromEnv ? `must be true or false (or yes/no, 1/0), got ${got}` : `must be true or false, got ${got}`;
    default:
      return `must be text, got ${got}`;
  }
}

// Text is quoted where it helps (a region, an environment variable) unless the setting is secret; otherwise only
// its JSON type is named.
function foundValue(spec: SettingSpec, raw: unknown, fromEnv: boolean): string {
  if (typeof raw !== "string" || !(fromEnv || spec.type === "region")) return jsonTypeName(raw);
  if (spec.secret) return "text (not shown: the setting is secret)";
  return harmless(raw) ? JSON.stringify(raw) : `text of ${raw.length} characters (not shown: it may be a credential)`;
}

// A key pasted into the wrong setting must not be echoed: only short words and numbers are quoted.
function harmless(text: string): boolean {
  return /^[\p{L} .,'-]{0,12}$/u.test(text) || /^[+-]?[\d.]{1,12}$/.test(text);
}

function unknownSettings(specs: readonly SettingSpec[], given: Record<string, unknown>): string[] {
  const known = specs.map((spec) => spec.name);
  return Object.keys(given)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const guess = suggest(name, known);
      const hint = guess === undefined ? `known settings: ${known.join(", ") || "none"}` : `did you mean "${guess}"?`;
      return `unknown setting "${name}" (${hint})`;
    });
}
