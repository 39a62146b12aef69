// The integrations a running pipeline delivers to: their state for the Integrations page, the catalog of shipped
// presets to choose from, and saving one (secrets to the encrypted file, the rest to the config file).

import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { check } from "../compiler/index.js";
import { packageRoot } from "../loader/paths.js";
import type { Preset } from "../runtime/preset.js";
import type {
  CatalogEntry,
  IntegrationRegistry,
  IntegrationState,
  SaveIntegration,
  SaveResult,
} from "./debugger/deps.js";
import type { IntegrationTarget } from "./targets.js";

/** What the pipeline remembers of each integration's last attempt, for its state. */
export interface TargetHealth {
  lastStatus?: number;
  lastError?: string;
  lastEventAt?: number;
}

export interface RegistryOptions {
  readonly targets: Map<string, IntegrationTarget>;
  readonly health: Map<string, TargetHealth>;
  /** The preset each integration was configured with, as the config names it. */
  readonly presetRefs: Map<string, string>;
  /** Adds or replaces an integration from the Integrations page; resolves with the problems, if any. */
  readonly apply: (input: SaveIntegration) => Promise<SaveResult>;
  /** Persists a pause so that it survives a restart. */
  readonly persistPause: (name: string, paused: boolean) => void;
  /** Where the integration's requests go instead of the destination's own API, if anywhere. */
  readonly baseUrlOf?: (name: string) => string | undefined;
}

export function createRegistry(options: RegistryOptions): IntegrationRegistry {
  let catalog: CatalogEntry[] | undefined;
  return {
    list: () => [...options.targets.values()].map((target) => stateOf(target, options)),
    catalog: () => (catalog ??= shippedCatalog()),
    save: (input) => options.apply(input),
    async setPaused(name, paused) {
      const target = options.targets.get(name);
      if (target === undefined) return;
      target.paused = paused;
      options.persistPause(name, paused);
    },
  };
}

function stateOf(target: IntegrationTarget, options: RegistryOptions): IntegrationState {
  const health = options.health.get(target.name) ?? {};
  const preset: Preset = target.preset;
  const secretNames = preset.meta.settings.filter((s) => s.secret).map((s) => s.name);
  const settings = Object.fromEntries(
    Object.entries(target.settings).filter(
      (entry): entry is [string, string | number | boolean] =>
        !secretNames.includes(entry[0]) && ["string", "number", "boolean"].includes(typeof entry[1]),
    ),
  );
  return {
    name: target.name,
    integration: preset.meta.integration.name,
    preset: options.presetRefs.get(target.name) ?? preset.meta.source,
    ...describeHealth(target.paused, health),
    ...(health.lastEventAt !== undefined ? { lastEventAt: health.lastEventAt } : {}),
    settings,
    secretsSet: secretNames.filter((name) => typeof target.settings[name] === "string" && target.settings[name] !== ""),
    ...(options.baseUrlOf?.(target.name) !== undefined ? { baseUrl: options.baseUrlOf(target.name) } : {}),
  };
}

function describeHealth(paused: boolean, health: TargetHealth): Pick<IntegrationState, "state" | "detail"> {
  if (paused) return { state: "paused" };
  const status = health.lastStatus;
  if (status === undefined && health.lastError === undefined) return { state: "waiting" };
  if (status !== undefined && status >= 200 && status < 300) return { state: "live" };
  if (status === 401 || status === 403) {
    return { state: "credential_rejected", detail: health.lastError ?? `HTTP ${status}` };
  }
  return { state: "failing", detail: health.lastError ?? `HTTP ${status}` };
}

/** Every shipped preset (presets/<integration>/*.map), with its declared settings, read from the source. */
export function shippedCatalog(root = join(packageRoot, "presets")): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const folder of safeList(root)) {
    const files = safeList(join(root, folder)).filter((f) => f.endsWith(".map"));
    const presets: CatalogEntry["presets"][number][] = [];
    let title = folder;
    for (const file of files) {
      const path = join(root, folder, file);
      const checked = check(readFileSync(path, "utf8"), { filename: path });
      const header = checked.ast.integration;
      title = header?.title?.value ?? title;
      const settings = (header?.settings ?? []).map((s) => ({
        name: s.name.text,
        type: s.type,
        required: s.required,
        secret: s.type === "secret",
        ...(s.description ? { description: s.description.value } : {}),
      }));
      const many = checked.presets.length > 1;
      for (const p of checked.presets) {
        const ref = relative(process.cwd(), resolve(path)) + (many ? `#${p.decl.name.text}` : "");
        presets.push({ file: ref, name: p.decl.name.text, title: p.decl.title?.value, settings });
      }
    }
    if (presets.length > 0) entries.push({ integration: folder, title, presets });
  }
  return entries;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Rewrites the config file's integrations, keeping every other key as it was. */
export function writeIntegrationsToConfig(path: string, update: (list: Record<string, unknown>[]) => void): void {
  const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const list = Array.isArray(data.integrations) ? (data.integrations as Record<string, unknown>[]) : [];
  update(list);
  data.integrations = list;
  // Written beside it and renamed over it: a crash mid-write leaves the old file whole, never half a config.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
  renameSync(temporary, path);
}
