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

/** dist/presets/<same path>.js for a .map file under presets/; undefined for any other file. */
export function prebuiltPath(mapFile: string): string | undefined {
  const rel = relative(join(packageRoot, "presets"), resolve(mapFile));
  if (rel.startsWith("..") || !rel.endsWith(".map")) return undefined;
  return join(packageRoot, "dist", "presets", rel.replace(/\.map$/, ".js"));
}
