// Bundles the debugger's page (web/debugger) with esbuild into dist/web/debugger: run by `npm run build`.

import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultAssetsDir } from "./assets-dir.js";

/** The package's folder: two levels up from dist/serve/debugger or from serve/debugger. */
function packageRoot(): string {
  return dirname(defaultAssetsDir().replace(/[/\\]web[/\\]debugger$/, ""));
}

/** Writes app.js and app.css into `outDir`; esbuild is a build-time dependency, loaded only here. */
export async function bundleDebugger(outDir: string = defaultAssetsDir()): Promise<void> {
  const { build } = await import("esbuild");
  const web = join(packageRoot(), "web", "debugger");
  await build({
    entryPoints: { app: join(web, "app.ts") },
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    outdir: outDir,
    logLevel: "warning",
  });
  await build({
    entryPoints: { app: join(web, "style.css") },
    bundle: true,
    minify: true,
    outdir: outDir,
    logLevel: "warning",
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  bundleDebugger().catch((error: unknown) => {
    console.error(`bundling the debugger page failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
