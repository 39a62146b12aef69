// Saving an integration from the Integrations page: secrets to the encrypted file, the rest to the config file, and
// the running pipeline switched to the new settings without a restart.

import { dirname, relative, resolve } from "node:path";
import { loadPreset, splitPresetRef } from "../loader/load-preset.js";
import type { SettingSpec } from "../runtime/preset-module.js";
import type { Store } from "../store/store.js";
import type { IntegrationConfig, SettingSource } from "./config.js";
import type { SaveIntegration, SaveResult } from "./debugger/deps.js";
import { writeIntegrationsToConfig, type TargetHealth } from "./integrations.js";
import { PipelineConfigError, type PipelineOptions } from "./pipeline.js";
import type { IntegrationTarget } from "./targets.js";

export interface SaverOptions {
  readonly targets: Map<string, IntegrationTarget>;
  readonly options: PipelineOptions;
  readonly store: Store;
  readonly health: Map<string, TargetHealth>;
  readonly presetRefs: Map<string, string>;
  readonly build: (entry: IntegrationConfig) => Promise<IntegrationTarget>;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

export function createSaver(saver: SaverOptions) {
  const configured = new Map(saver.options.config.integrations.map((e) => [e.name, e]));

  async function apply(input: SaveIntegration): Promise<SaveResult> {
    if (!NAME.test(input.name)) return refuse("the name must start with a letter and hold letters, digits, - or _");
    const ref = splitPresetRef(input.preset);
    let declared: readonly SettingSpec[];
    try {
      declared = (await loadPreset(resolve(ref.path), ref.preset ? { preset: ref.preset } : {})).meta.settings;
    } catch (error) {
      return refuse(`the preset cannot be loaded: ${(error as Error).message.split("\n")[0]}`);
    }
    const sources = await settingSources(input, declared);
    if ("ok" in sources) return sources;
    const entry: IntegrationConfig = {
      name: input.name,
      preset: resolve(ref.path),
      ...(ref.preset ? { presetName: ref.preset } : {}),
      settings: sources.settings,
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      // The page has no field for it: a limit set in the config file stays (it is kept on disk too).
      ...rateLimitOf(configured.get(input.name)),
      paused: saver.targets.get(input.name)?.paused ?? false,
    };
    let target: IntegrationTarget;
    try {
      target = await saver.build(entry);
    } catch (error) {
      // Refused: the running integration keeps its settings, so the secrets file keeps its keys too.
      for (const [name, value] of sources.replaced) await saver.options.storeSecret?.(input.name, name, value);
      return refuse(...(error instanceof PipelineConfigError ? error.problems : [(error as Error).message]));
    }
    switchTo(input, entry, target);
    const secretsSet = declared.filter((d) => d.secret && entry.settings[d.name] !== undefined).map((d) => d.name);
    saver.options.log({
      level: "info",
      msg: "integration saved",
      integration: input.name,
      preset: input.preset,
      secretsSet,
    });
    await saver.store.retryNow?.(input.name, Date.now());
    return { ok: true };
  }

  /**
   * Where each setting comes from: a value typed in, a secret stored now, or what the integration had. Secrets are
   * written to the secrets file here; the values they replaced are returned, to be put back if the save is refused.
   */
  async function settingSources(
    input: SaveIntegration,
    declared: readonly SettingSpec[],
  ): Promise<SaveResult | { settings: Record<string, SettingSource>; replaced: [string, string][] }> {
    const previous = configured.get(input.name);
    const typed = (name: string) => input.settings[name] !== undefined && input.settings[name] !== "";
    const secrets = declared.filter((d) => d.secret);
    // A stored key is never sent somewhere new on the strength of the admin's password alone: it is typed again.
    const kept = secrets.find((d) => !typed(d.name) && previous?.settings[d.name] !== undefined);
    if (kept !== undefined && (previous?.baseUrl ?? "") !== (input.baseUrl ?? "")) {
      return refuse(`enter ${kept.name} again to send it to a new base URL`);
    }
    const store = saver.options.storeSecret;
    if (store === undefined && secrets.some((d) => typed(d.name))) {
      return refuse("secrets cannot be stored: start serve with SIGNAL_SECRET_KEY set (see docs/serve.md)");
    }
    const settings: Record<string, SettingSource> = {};
    const replaced: [string, string][] = [];
    for (const spec of declared) {
      if (typed(spec.name) && spec.secret) {
        const old = saver.options.secrets?.(input.name, spec.name);
        if (old !== undefined) replaced.push([spec.name, old]);
        await store!(input.name, spec.name, String(input.settings[spec.name]));
        settings[spec.name] = { secret: `${input.name}/${spec.name}` };
      } else if (typed(spec.name)) settings[spec.name] = input.settings[spec.name];
      else if (spec.secret && previous?.settings[spec.name] !== undefined)
        settings[spec.name] = previous.settings[spec.name];
    }
    return { settings, replaced };
  }

  /** The new target takes over from the next claim; its state waits for its first attempt. */
  function switchTo(input: SaveIntegration, entry: IntegrationConfig, target: IntegrationTarget): void {
    saver.targets.set(input.name, target);
    saver.presetRefs.set(input.name, input.preset);
    configured.set(input.name, entry);
    saver.health.delete(input.name);
    persist(input.name, (item) => {
      // The keys configEntry leaves out when unset must go too: a base URL kept on disk would come back on restart.
      delete item.baseUrl;
      delete item.paused;
      Object.assign(item, configEntry(entry, configRef(entry, saver.options.configPath)));
    });
  }

  function persistPause(name: string, paused: boolean): void {
    saver.options.log({ level: "info", msg: paused ? "integration paused" : "integration resumed", integration: name });
    persist(name, (item) => (item.paused = paused));
  }

  function persist(name: string, change: (item: Record<string, unknown>) => void): void {
    const path = saver.options.configPath;
    if (path === undefined) return;
    writeIntegrationsToConfig(path, (list) => {
      let item = list.find((i) => i.name === name);
      if (item === undefined) list.push((item = { name }));
      change(item);
    });
  }

  return { apply, persistPause, baseUrlOf: (name: string) => configured.get(name)?.baseUrl };
}

/** The preset as the config file names it: relative to the file's folder, which is where serve resolves it from. */
function configRef(entry: IntegrationConfig, configPath: string | undefined): string {
  const file = configPath === undefined ? entry.preset : relative(dirname(resolve(configPath)), entry.preset);
  return file + (entry.presetName ? `#${entry.presetName}` : "");
}

function configEntry(entry: IntegrationConfig, presetRef: string): Record<string, unknown> {
  return {
    preset: presetRef,
    settings: entry.settings,
    ...(entry.baseUrl ? { baseUrl: entry.baseUrl } : {}),
    ...(entry.paused ? { paused: true } : {}),
  };
}

function rateLimitOf(entry: IntegrationConfig | undefined): { rateLimitPerMinute?: number } {
  return entry?.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: entry.rateLimitPerMinute };
}

function refuse(...problems: string[]): SaveResult {
  return { ok: false, problems };
}
