// Finds an integration's emulator module (presets/<name>/emulator.ts) by its name.

import { importIntegrationModule, integrationsWithModule } from "../delivery/registry.js";
import type { EmulatorModule } from "./module.js";

/** The module, or undefined when the integration ships no emulator. */
export async function findEmulator(integration: string): Promise<EmulatorModule | undefined> {
  const mod = (await importIntegrationModule(integration, "emulator")) as { default?: EmulatorModule } | undefined;
  return mod?.default;
}

/** The integrations under presets/ that ship an emulator, sorted. */
export function emulatedIntegrations(): string[] {
  return integrationsWithModule("emulator");
}
