// Bundles the playground page (web/playground) with esbuild for the browser into dist/web/playground: run by
// `npm run build`. The checker's few Node imports are swapped for the small browser shims in web/playground/shims.

import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import { packageRoot, pageBuildDir, pageSourceDir } from "./paths.js";

/** Node built-ins the bundle may meet, each mapped to its shim; any other built-in fails the build. */
const SHIMS: Readonly<Record<string, string>> = {
  "node:path": "path.ts",
  "node:fs": "fs.ts",
  "node:crypto": "crypto.ts",
};

/** Replaces dsl/chevrotain.ts and the shimmed built-ins; refuses every other Node built-in loudly. */
function browserShims(): Plugin {
  const shims = join(pageSourceDir(), "shims");
  return {
    name: "signal-map-browser-shims",
    setup(build) {
      build.onResolve({ filter: /\/chevrotain\.js$/ }, (args) =>
        /[\\/]dsl[\\/][^\\/]+$/.test(args.importer) ? { path: join(shims, "chevrotain.ts") } : undefined,
      );
      // The Node runtime patches libphonenumber-js's CommonJS build for speed; the page uses the plain ESM build.
      build.onResolve({ filter: /\/phone-library\.js$/ }, (args) =>
        /[\\/]stdlib[\\/][^\\/]+$/.test(args.importer)
          ? { path: join(packageRoot(), "runtime", "stdlib", "phone-library.browser.ts") }
          : undefined,
      );
      build.onResolve({ filter: /^node:|^(fs|path|crypto|os|url|module|util|stream)$/ }, (args) => {
        const shim = SHIMS[args.path.startsWith("node:") ? args.path : `node:${args.path}`];
        if (shim !== undefined) return { path: join(shims, shim) };
        return { errors: [{ text: `${args.path} (imported by ${args.importer}) has no browser shim` }] };
      });
    },
  };
}

/**
 * Writes app.js, index.html and style.css into `outDir` and returns the source files bundled (package-relative).
 * esbuild is a build-time dependency, loaded only here.
 */
export async function bundlePlayground(outDir: string = pageBuildDir()): Promise<string[]> {
  const { build } = await import("esbuild");
  const web = pageSourceDir();
  const result = await build({
    entryPoints: { app: join(web, "app.ts") },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    alias: { chevrotain: join(packageRoot(), "node_modules", "chevrotain", "lib", "chevrotain.mjs") },
    plugins: [browserShims()],
    outdir: outDir,
    logLevel: "warning",
    metafile: true,
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of ["index.html", "style.css"]) copyFileSync(join(web, file), join(outDir, file));
  return Object.keys(result.metafile.inputs);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  bundlePlayground().catch((error: unknown) => {
    console.error(`bundling the playground page failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
