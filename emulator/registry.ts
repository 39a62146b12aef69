// Finds an integration's emulator module (presets/<name>/emulator.ts) by its name.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { importIntegrationModule, integrationModulePath } from "../delivery/registry.js";
import { packageRoot } from "../loader/paths.js";
import type { EmulatorModule } from "./module.js";

/** The module, or undefined when the integration ships no emulator. */
export async function findEmulator(integration: string): Promise<EmulatorModule | undefined> {
  const mod = (await importIntegrationModule(integration, "emulator")) as { default?: EmulatorModule } | undefined;
  return mod?.default;
}

/** The integrations under presets/ that ship an emulator, sorted. */
export function emulatedIntegrations(): string[] {
  let names: string[];
  try {
    names = readdirSync(join(packageRoot, "presets"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return names.filter((name) => integrationModulePath(name, "emulator") !== undefined).sort();
}
