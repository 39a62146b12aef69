// Finds an integration's optional code by its `integration` name: presets/<name>/<file>.ts in the source tree, or
// dist/presets/<name>/<file>.js once built. Generic code names no destination; the folder brings its own knowledge.

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../loader/paths.js";
import type { AdapterFactory } from "./adapter.js";

const INTEGRATION_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
// Running from the TypeScript sources (the tests) or from the compiled package.
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/** The file of an integration's module, when the integration has one; the name is checked before it names a path. */
export function integrationModulePath(integration: string, stem: string): string | undefined {
  if (!INTEGRATION_NAME.test(integration)) return undefined;
  const path = FROM_SOURCE
    ? join(packageRoot, "presets", integration, `${stem}.ts`)
    : join(packageRoot, "dist", "presets", integration, `${stem}.js`);
  return existsSync(path) ? path : undefined;
}

/** Imports an integration's module; undefined when it has none. A module that fails to load is an error. */
export async function importIntegrationModule(integration: string, stem: string): Promise<unknown> {
  const path = integrationModulePath(integration, stem);
  if (path === undefined) return undefined;
  return import(/* @vite-ignore */ pathToFileURL(path).href);
}

/** The integration's adapter factory (presets/<name>/adapter.ts), or undefined: the generic behaviour then holds. */
export async function findAdapter(integration: string): Promise<AdapterFactory | undefined> {
  const mod = (await importIntegrationModule(integration, "adapter")) as { default?: unknown } | undefined;
  if (mod === undefined) return undefined;
  if (typeof mod.default !== "function") {
    throw new Error(`presets/${integration}/adapter has no default export making an adapter`);
  }
  return mod.default as AdapterFactory;
}

/** The integrations under presets/ whose folder has the module `stem` (adapter, emulator, demo), sorted. */
export function integrationsWithModule(stem: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(packageRoot, "presets"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return names.filter((name) => integrationModulePath(name, stem) !== undefined).sort();
}
