// Routes read from an integration's compiled presets: each `send` gives a method, a path pattern from its URL
// template and the request schema it embeds, so an emulator module need not repeat them.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadPreset } from "../loader/load-preset.js";
import { packageRoot } from "../loader/paths.js";
import type { EmulatorRoute } from "./module.js";

interface SendLike {
  readonly method: string;
  readonly urlTemplate: string;
  readonly requestSchema?: object;
}

/** `https://host/v1/{settings.pixel_id}/events?x=1` → `/v1/{pixel_id}/events`. */
export function pathOfTemplate(urlTemplate: string): string {
  const afterOrigin = urlTemplate.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").split(/[?#]/)[0] || "/";
  return afterOrigin
    .replace(/\{\{|\}\}/g, "")
    .replace(/\{([^{}]*)\}/g, (_, slot: string) => `{${slot.split(".").pop()}}`);
}

/** One route per distinct method and path of the folder's presets; a preset that does not load is skipped. */
export async function routesFromPresets(integration: string): Promise<EmulatorRoute[]> {
  const folder = join(packageRoot, "presets", integration);
  let files: string[];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith(".map"));
  } catch {
    return [];
  }
  const routes = new Map<string, EmulatorRoute>();
  for (const file of files) {
    const sends = await sendsOf(join(folder, file));
    for (const send of sends) {
      const path = pathOfTemplate(send.urlTemplate);
      const key = `${send.method} ${path}`;
      if (!routes.has(key)) {
        routes.set(key, {
          name: key,
          method: send.method,
          path,
          ...(send.requestSchema ? { schemaObject: send.requestSchema } : {}),
        });
      }
    }
  }
  return [...routes.values()];
}

async function sendsOf(path: string): Promise<readonly SendLike[]> {
  try {
    const preset = await loadPreset(path);
    return (preset.meta as { sends?: readonly SendLike[] }).sends ?? [];
  } catch {
    return [];
  }
}
