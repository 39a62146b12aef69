// Where the playground's page sources and its built bundle live, from dist/playground or (under vitest) playground/.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's folder: one level up from playground/, two from dist/playground/. */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join("dist", "playground")) ? join(here, "..", "..") : join(here, "..");
}

/** The page's sources (index.html, style.css, *.ts). */
export function pageSourceDir(): string {
  return join(packageRoot(), "web", "playground");
}

/** The bundled page `npm run build` writes: index.html, style.css and app.js. */
export function pageBuildDir(): string {
  return join(packageRoot(), "dist", "web", "playground");
}
