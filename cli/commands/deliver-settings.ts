// Settings for delivery, from the first source that has each one: --settings file, environment, secrets file.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Preset } from "../../runtime/preset.js";
import { settingEnvName } from "../../runtime/settings.js";
import type { Settings } from "../../runtime/values.js";
import { secretsFilePath } from "../../secrets/location.js";
import { loadSecrets, lookupSecret } from "../../secrets/secrets-file.js";
import { whereInJson } from "../../runtime/json-text.js";

export interface SettingsSources {
  /** --settings, relative to cwd. */
  readonly settingsFile?: string;
  /** --secrets-file, relative to cwd. */
  readonly secretsFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export type ResolvedSettings =
  | { readonly ok: true; readonly settings: Settings; readonly secretValues: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * A setting the settings file leaves out is read from its environment variable (`<INTEGRATION>_<SETTING>`), and one that is
 * in neither from the encrypted secrets file (`signal-map secrets set INTEGRATION NAME`). The secrets file is opened
 * only when it is needed, so SIGNAL_SECRET_KEY is required only then.
 */
export async function resolveSettings(preset: Preset, sources: SettingsSources): Promise<ResolvedSettings> {
  const fromFile = await readSettingsFile(sources);
  if (!fromFile.ok) return fromFile;
  const input: Record<string, unknown> = { ...fromFile.value };
  const integration = preset.meta.integration.name;
  const wanted = preset.meta.settings
    .map((spec) => spec.name)
    .filter((name) => isBlank(input[name]) && isBlank(sources.env[settingEnvName(integration, name)]));
  if (wanted.length > 0) {
    const filled = await fillFromSecretsFile(input, wanted, integration, sources);
    // A secrets file that cannot be opened matters only when a required setting was to come from it.
    const required = new Set(preset.meta.settings.filter((spec) => spec.required).map((spec) => spec.name));
    if (!filled.ok && wanted.some((name) => required.has(name))) return filled;
  }
  const checked = preset.validateSettings(input, sources.env);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((problem) => withHint(problem, integration)) };
  return { ok: true, settings: checked.settings, secretValues: secretValuesOf(preset, checked.settings, input) };
}

async function readSettingsFile(
  sources: SettingsSources,
): Promise<{ ok: true; value: object } | { ok: false; problems: string[] }> {
  if (sources.settingsFile === undefined) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(await readFile(resolve(sources.cwd, sources.settingsFile), "utf8"));
  } catch (error) {
    // Never the parser's message: it can quote the file, and the file holds the API key.
    const code = (error as { code?: string }).code;
    const what =
      error instanceof SyntaxError
        ? `is not valid JSON${whereInJson(error)}`
        : `cannot be read (${code === "ENOENT" ? "no such file" : (code ?? "error")})`;
    return { ok: false, problems: [`settings file ${sources.settingsFile} ${what}`] };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problems: [`settings file ${sources.settingsFile} must hold a JSON object`] };
  }
  return { ok: true, value };
}

async function fillFromSecretsFile(
  input: Record<string, unknown>,
  wanted: readonly string[],
  integration: string,
  sources: SettingsSources,
): Promise<{ ok: true } | { ok: false; problems: string[] }> {
  const path = secretsFilePath(sources.secretsFile, sources.env, sources.cwd);
  if (!existsSync(path)) return { ok: true };
  try {
    const secrets = await loadSecrets(path, sources.env["SIGNAL_SECRET_KEY"]);
    for (const name of wanted) {
      const value = lookupSecret(secrets, integration, name);
      if (value !== undefined) input[name] = value;
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, problems: [`secrets file: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

function withHint(problem: string, integration: string): string {
  const missing = /^missing required setting "([^"]+)"/.exec(problem);
  if (!missing) return problem;
  return `${problem}; or store it encrypted with \`signal-map secrets set ${integration} ${missing[1]}\``;
}

/** Every value of a secret setting, as given and as validated, so output can be scrubbed of both. */
function secretValuesOf(preset: Preset, settings: Settings, input: Record<string, unknown>): string[] {
  const names = preset.meta.settings.filter((spec) => spec.secret).map((spec) => spec.name);
  const values = names.flatMap((name) => [settings[name], input[name]]);
  return [...new Set(values.filter((value): value is string => typeof value === "string" && value !== ""))];
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
