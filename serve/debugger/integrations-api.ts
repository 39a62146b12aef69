// The Integrations page's JSON API: the integrations with their state (secrets only as set / not set), and saving.

import type { IntegrationsAnswer, IntegrationView } from "./api-types.js";
import type { CatalogEntry, CatalogPreset, DebuggerDeps, IntegrationState, SettingValue } from "./deps.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const ORIGIN = /^https?:\/\/[^/\s]+\/?$/;

/** How the config names a preset: its file, with `#name` only when the file holds several. */
export function presetKey(entry: CatalogEntry, preset: CatalogPreset): string {
  const sameFile = entry.presets.filter((p) => p.file === preset.file).length;
  return sameFile > 1 ? `${preset.file}#${preset.name}` : preset.file;
}

function samePreset(configured: string, key: string): boolean {
  // The pipeline may hold the file as an absolute path; the catalog names it from the project's folder.
  return configured === key || configured.endsWith(`/${key}`);
}

export function findPreset(
  catalog: readonly CatalogEntry[],
  preset: string,
): { entry: CatalogEntry; preset: CatalogPreset } | undefined {
  for (const entry of catalog) {
    const found = entry.presets.find((p) => samePreset(preset, presetKey(entry, p)));
    if (found !== undefined) return { entry, preset: found };
  }
  return undefined;
}

/**
 * Only settings the catalog declares as not secret are shown with their values; a secret is only "set" or not.
 * A setting the catalog does not know is left out: it cannot be told apart from a secret.
 */
export function integrationView(state: IntegrationState, catalog: readonly CatalogEntry[]): IntegrationView {
  const declared = findPreset(catalog, state.preset)?.preset.settings ?? [];
  const settings: Record<string, SettingValue> = {};
  const secrets: Record<string, boolean> = {};
  for (const setting of declared) {
    if (setting.secret) secrets[setting.name] = state.secretsSet?.includes(setting.name) ?? false;
    else if (state.settings?.[setting.name] !== undefined) settings[setting.name] = state.settings[setting.name];
  }
  return {
    name: state.name,
    integration: state.integration,
    preset: state.preset,
    state: state.state,
    detail: state.detail,
    lastEventAt: state.lastEventAt,
    settings,
    secrets,
    ...(state.baseUrl !== undefined ? { baseUrl: state.baseUrl } : {}),
  };
}

export function listIntegrations(deps: DebuggerDeps): IntegrationsAnswer {
  const catalog = deps.integrations.catalog();
  return { integrations: deps.integrations.list().map((s) => integrationView(s, catalog)), catalog };
}

export interface SaveRequest {
  readonly name: string;
  readonly preset: string;
  readonly settings: Record<string, SettingValue>;
  readonly baseUrl?: string;
  /** The secret values the request carried: kept out of the answer whatever the pipeline says. */
  readonly secretValues: string[];
}

/** Checks a save request against the catalog; problems name the setting, never its value. */
export function readSaveRequest(deps: DebuggerDeps, body: unknown): SaveRequest | string[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return ["the body must be a JSON object"];
  const { name, preset, settings, baseUrl } = body as Record<string, unknown>;
  const problems: string[] = [];
  if (baseUrl !== undefined && baseUrl !== "" && (typeof baseUrl !== "string" || !ORIGIN.test(baseUrl))) {
    problems.push('the base URL must be an http(s) origin such as "http://127.0.0.1:9999", or empty');
  }
  if (typeof name !== "string" || !NAME.test(name)) {
    problems.push("the name must be 1 to 63 letters, digits, - or _, starting with a letter or digit");
  }
  const found = typeof preset === "string" ? findPreset(deps.integrations.catalog(), preset) : undefined;
  if (found === undefined) return [...problems, "choose one of the shipped presets"];
  const given = settings !== null && typeof settings === "object" ? (settings as Record<string, unknown>) : {};
  const existing = deps.integrations.list().find((s) => s.name === name);
  const out: Record<string, SettingValue> = {};
  const secretValues: string[] = [];
  for (const key of Object.keys(given)) {
    if (!found.preset.settings.some((s) => s.name === key)) problems.push(`"${key}" is not a setting of this preset`);
  }
  for (const setting of found.preset.settings) {
    const value = given[setting.name];
    const empty = value === undefined || value === null || value === "";
    if (!empty && !["string", "number", "boolean"].includes(typeof value)) {
      problems.push(`${setting.name} must be text, a number or true/false`);
      continue;
    }
    if (!empty) {
      out[setting.name] = value as SettingValue;
      if (setting.secret) secretValues.push(String(value));
      continue;
    }
    const stored = setting.secret && (existing?.secretsSet?.includes(setting.name) ?? false);
    if (setting.required && !stored) problems.push(`${setting.name} is required`);
  }
  if (problems.length > 0) return problems;
  return {
    name: name as string,
    preset: presetKey(found.entry, found.preset),
    settings: out,
    ...(typeof baseUrl === "string" && baseUrl !== "" ? { baseUrl: baseUrl.replace(/\/$/, "") } : {}),
    secretValues,
  };
}
