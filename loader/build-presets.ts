// `npm run build` step: compiles every shipped preset ahead of time into dist/presets/, so loading one is an import.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compile } from "../compiler/index.js";
import { renderDiagnostics } from "../diagnostics/render.js";
import { toJavaScript } from "./load-preset.js";
import { packageRoot, prebuiltPath } from "./paths.js";

function mapFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mapFiles(path);
    return entry.name.endsWith(".map") ? [path] : [];
  });
}

async function buildPresets(): Promise<number> {
  let failed = 0;
  for (const file of mapFiles(join(packageRoot, "presets"))) {
    const filename = relative(packageRoot, file).split("\\").join("/");
    const source = readFileSync(file, "utf8");
    const result = await compile(source, { filename });
    const out = prebuiltPath(file);
    if (result.code === undefined || out === undefined) {
      process.stderr.write(renderDiagnostics(result.diagnostics, source, filename) + "\n");
      failed++;
      continue;
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, await toJavaScript(result.code));
    process.stdout.write(`built ${filename} -> ${relative(packageRoot, out)}\n`);
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await buildPresets();
