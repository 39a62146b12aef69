// Where the package lives and where `npm run build` puts the JavaScript of shipped presets.

import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root: the nearest folder above this file holding package.json (works from source and from dist/). */
export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/**
 * dist/presets/<same path>.js for a .map file under presets/ (its one preset), or <same path>.<preset>.js for one
 * preset of a file that holds several; undefined for any other file.
 */
export function prebuiltPath(mapFile: string, preset?: string): string | undefined {
  const rel = relative(join(packageRoot, "presets"), resolve(mapFile));
  if (rel.startsWith("..") || !rel.endsWith(".map")) return undefined;
  const suffix = preset === undefined ? ".js" : `.${preset}.js`;
  return join(packageRoot, "dist", "presets", rel.replace(/\.map$/, suffix));
}

/** `FILE.map#NAME` → the file and the preset's name; a path without `#` names no preset. */
export function splitPresetRef(ref: string): { path: string; preset?: string } {
  const at = ref.lastIndexOf("#");
  if (at <= 0 || !ref.slice(0, at).endsWith(".map")) return { path: ref };
  return { path: ref.slice(0, at), preset: ref.slice(at + 1) };
}
