// Saving an integration from the Integrations page: secrets to the encrypted file, the rest to the config file, and
// the running pipeline switched to the new settings without a restart.

import { dirname, relative, resolve } from "node:path";
import { loadPreset, splitPresetRef } from "../loader/load-preset.js";
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
    let declared;
    try {
      declared = (await loadPreset(resolve(ref.path), ref.preset ? { preset: ref.preset } : {})).meta.settings;
    } catch (error) {
      return refuse(`the preset cannot be loaded: ${(error as Error).message.split("\n")[0]}`);
    }
    const previous = configured.get(input.name);
    const moved = previous !== undefined && (previous.baseUrl ?? "") !== (input.baseUrl ?? "");
    const settings: Record<string, SettingSource> = {};
    for (const spec of declared) {
      const given = input.settings[spec.name];
      // A stored key is never sent somewhere new on the strength of the admin's password alone: it is typed again.
      if (spec.secret && moved && previous.settings[spec.name] !== undefined && (given === undefined || given === "")) {
        return refuse(`enter ${spec.name} again to send it to a new base URL`);
      }
      if (!spec.secret) {
        if (given !== undefined && given !== "") settings[spec.name] = given;
        continue;
      }
      if (typeof given === "string" && given !== "") {
        if (saver.options.storeSecret === undefined) {
          return refuse("secrets cannot be stored: start serve with SIGNAL_SECRET_KEY set (see docs/serve.md)");
        }
        await saver.options.storeSecret(input.name, spec.name, given);
        settings[spec.name] = { secret: `${input.name}/${spec.name}` };
      } else if (previous?.settings[spec.name] !== undefined) {
        settings[spec.name] = previous.settings[spec.name];
      }
    }
    const entry: IntegrationConfig = {
      name: input.name,
      preset: resolve(ref.path),
      ...(ref.preset ? { presetName: ref.preset } : {}),
      settings,
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      paused: saver.targets.get(input.name)?.paused ?? false,
    };
    let target: IntegrationTarget;
    try {
      target = await saver.build(entry);
    } catch (error) {
      return refuse(...(error instanceof PipelineConfigError ? error.problems : [(error as Error).message]));
    }
    saver.targets.set(input.name, target);
    saver.presetRefs.set(input.name, input.preset);
    configured.set(input.name, entry);
    // New settings are judged afresh: the state waits for the next attempt, and leads held back by a rejected key
    // are tried now rather than at their next retry.
    saver.health.delete(input.name);
    await saver.store.retryNow?.(input.name, Date.now());
    persist(input.name, (item) => Object.assign(item, configEntry(entry, configRef(entry, saver.options.configPath))));
    const secretsSet = Object.keys(settings).filter((k) => declared.some((d) => d.secret && d.name === k));
    saver.options.log({
      level: "info",
      msg: "integration saved",
      integration: input.name,
      preset: input.preset,
      secretsSet,
    });
    return { ok: true };
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

function refuse(...problems: string[]): SaveResult {
  return { ok: false, problems };
}
