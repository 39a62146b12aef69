// The integrations and settings the shipped presets declare, so `secrets set` can refuse a typo before storing it.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { suggest } from "../../diagnostics/suggest.js";
import { loadPreset } from "../../loader/load-preset.js";
import { packageRoot } from "../../loader/paths.js";

/** integration name → its declared setting names, from every presets/<integration>/*.map that loads. */
export async function shippedSettings(root = join(packageRoot, "presets")): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (const file of mapFiles(root)) {
    try {
      const { meta } = await loadPreset(file);
      const names = found.get(meta.integration.name) ?? new Set<string>();
      for (const spec of meta.settings) names.add(spec.name);
      found.set(meta.integration.name, names);
    } catch {
      // A preset that does not compile declares nothing usable; `check` is where it is reported.
    }
  }
  return found;
}

function mapFiles(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) =>
        readdirSync(join(root, entry.name))
          .filter((name) => name.endsWith(".map"))
          .map((name) => join(root, entry.name, name)),
      );
  } catch {
    return [];
  }
}

/** Why `integration.name` is not a declared setting, with a did-you-mean; undefined when it is (or none are known). */
export function undeclaredProblem(
  known: ReadonlyMap<string, ReadonlySet<string>>,
  integration: string,
  name: string,
): string | undefined {
  if (known.size === 0) return undefined;
  const settings = known.get(integration);
  if (settings === undefined) {
    const guess = suggest(integration, known.keys());
    const hint = guess === undefined ? `shipped: ${[...known.keys()].join(", ")}` : `did you mean "${guess}"?`;
    return `no shipped preset declares integration "${integration}"; ${hint}`;
  }
  if (settings.has(name)) return undefined;
  const guess = suggest(name, settings);
  const hint = guess === undefined ? `its settings: ${[...settings].join(", ")}` : `did you mean "${guess}"?`;
  return `integration ${integration} has no setting "${name}"; ${hint}`;
}
