// `npm run build` step: compiles every shipped preset ahead of time into dist/presets/, so loading one is an import.

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { compile, presetNames } from "../compiler/index.js";
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
    const names = presetNames(source, filename);
    // One module per preset: file.js for a file with one preset, file.<preset>.js for each of several.
    const presets = names.length > 1 ? names : [undefined];
    for (const preset of presets) failed += await buildOne(file, filename, source, preset);
  }
  return failed === 0 ? 0 : 1;
}

async function buildOne(file: string, filename: string, source: string, preset: string | undefined): Promise<number> {
  const result = await compile(source, { filename, preset });
  const out = prebuiltPath(file, preset);
  if (result.code === undefined || out === undefined) {
    process.stderr.write(renderDiagnostics(result.diagnostics, source, filename) + "\n");
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await toJavaScript(result.code));
  process.stdout.write(`built ${filename} -> ${relative(packageRoot, out)}\n`);
  return 0;
}

process.exitCode = await buildPresets();
