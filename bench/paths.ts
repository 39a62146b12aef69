// Where the benchmark finds the project's built files, whether it runs from bench/ or from dist/bench/.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start: string): string {
  let directory = start;
  for (;;) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "signal-map")
      return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no signal-map package.json above ${start}`);
    directory = parent;
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
/** The package entry after `npm run build`: compile, check, loadPreset. */
export const DIST_INDEX = join(REPO_ROOT, "dist", "index.js");
export const DIST_CLI = join(REPO_ROOT, "dist", "cli", "main.js");
export const DIST_BENCH = join(REPO_ROOT, "dist", "bench");
export const SALESLOFT_PRESET = join(REPO_ROOT, "presets", "salesloft", "lead-capture.map");
export const META_PRESET = join(REPO_ROOT, "presets", "meta", "conversions.map");
export const RESULTS_FILE = join(REPO_ROOT, "bench", "RESULTS.md");

/** Imports a built module by absolute path; the specifier is computed so type-checking does not need it to exist. */
export async function importBuilt(path: string): Promise<Record<string, unknown>> {
  if (!existsSync(path)) throw new Error(`${path} does not exist: run \`npm run build\` first`);
  return (await import(new URL(`file://${path}`).href)) as Record<string, unknown>;
}
