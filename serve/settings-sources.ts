// Resolving an integration's settings from the config: literals, the environment, or the encrypted secrets file.

import type { SettingSource } from "./config.js";

export interface SecretLookup {
  /** The value stored under integration/name in the secrets file, or undefined. */
  (integration: string, name: string): string | undefined;
}

export interface SettingDeclaration {
  readonly name: string;
  readonly secret: boolean;
}

export type ResolvedSettings = { ok: true; settings: Record<string, unknown> } | { ok: false; problems: string[] };

/**
 * Resolves each configured setting. A secret setting written in the config in clear is refused (the config is not
 * encrypted); an env variable or secret that is missing is reported by name, never by value.
 */
export function resolveSettingSources(
  at: string,
  sources: Readonly<Record<string, SettingSource>>,
  declared: readonly SettingDeclaration[],
  env: NodeJS.ProcessEnv,
  secrets: SecretLookup | undefined,
): ResolvedSettings {
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(sources)) {
    const declaration = declared.find((d) => d.name === name);
    if (declaration === undefined) {
      const names = declared.map((d) => d.name).join(", ");
      problems.push(`${at}.${name} is not a setting of this preset (it has: ${names || "none"})`);
      continue;
    }
    const value = resolveOne(`${at}.${name}`, source, declaration, env, secrets, problems);
    if (value !== undefined) settings[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings };
}

function resolveOne(
  at: string,
  source: SettingSource,
  declaration: SettingDeclaration,
  env: NodeJS.ProcessEnv,
  secrets: SecretLookup | undefined,
  problems: string[],
): unknown {
  if (typeof source !== "object") {
    if (declaration.secret) {
      problems.push(`${at} is a secret and may not be written in the config: use {"env": "NAME"} or {"secret": "…"}`);
      return undefined;
    }
    return source;
  }
  if ("env" in source) {
    const value = env[source.env];
    if (value === undefined || value === "") problems.push(`${at}: the environment variable ${source.env} is not set`);
    return value === "" ? undefined : value;
  }
  const [integration, name] = source.secret.split("/");
  const value = secrets?.(integration, name);
  if (value === undefined) {
    problems.push(
      `${at}: no secret "${source.secret}" in the secrets file (signal-map secrets set ${integration} ${name})`,
    );
  }
  return value;
}
