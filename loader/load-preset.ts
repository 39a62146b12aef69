// Loading a preset: a prebuilt module when one matches the source, else compiled in memory from the .map file.

import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnostics } from "../diagnostics/render.js";
import { runtime, type Runtime } from "../runtime/index.js";
import { createPreset, type Preset } from "../runtime/preset.js";
import type { PresetModule } from "../runtime/preset-module.js";
import { fingerprintOf } from "../compiler/codegen/fingerprint.js";
import { stripTypes } from "../compiler/codegen/strip-types.js";
import { emitChecked, presetNames } from "../compiler/index.js";
import { packageRoot, prebuiltPath } from "./paths.js";

export { splitPresetRef } from "./paths.js";

/** Thrown by loadPreset when the .map file does not compile; carries the diagnostics and their rendering. */
export class PresetCompileError extends Error {
  constructor(
    readonly filename: string,
    readonly diagnostics: readonly Diagnostic[],
    readonly rendered: string,
  ) {
    super(`${filename} does not compile:\n${rendered}`);
    this.name = "PresetCompileError";
  }
}

type ModuleFactory = (rt: Runtime) => PresetModule;

export interface LoadOptions {
  /** The preset to load when the file holds several (a file with one needs no name). */
  readonly preset?: string;
  /** loadPresetSource only: reads a schema by absolute path (e.g. from memory); defaults to the file system. */
  readonly readFile?: (absolutePath: string) => string | undefined;
}

/** Thrown when the file holds several presets and none is named, or the named one is not in it; lists the names. */
export class PresetChoiceError extends Error {
  constructor(
    readonly filename: string,
    readonly names: readonly string[],
    readonly wanted?: string,
  ) {
    const list = names.map((n) => JSON.stringify(n)).join(", ");
    super(
      wanted === undefined
        ? `${filename} holds ${names.length} presets (${list}); name one with --preset NAME or ${filename}#NAME`
        : `${filename} has no preset named ${JSON.stringify(wanted)}; it has ${list || "none"}`,
    );
    this.name = "PresetChoiceError";
  }
}

/** Loads a .map preset and returns its transform. Same compiled code for the pipeline, the tests and the benchmarks. */
export async function loadPreset(path: string, options: LoadOptions = {}): Promise<Preset> {
  const bytes = readFileSync(path);
  const prebuilt = await loadPrebuilt(path, bytes, options.preset);
  if (prebuilt !== undefined) return createPreset(prebuilt);
  const source = bytes.toString("utf8");
  const name = choosePreset(displayName(path), presetNames(source, path), options.preset);
  return createPreset((await compileInMemory(path, source, name))(runtime));
}

/**
 * The preset to compile: the named one, or the only one. With several and no name (or an unknown name) it throws a
 * PresetChoiceError listing the names; a file whose presets cannot be read is left to the compiler to explain.
 */
function choosePreset(filename: string, names: readonly string[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    throw new PresetChoiceError(filename, names, wanted);
  }
  if (names.length > 1) throw new PresetChoiceError(filename, names);
  return undefined;
}

/**
 * The module `npm run build` wrote for a shipped preset, when the files its fingerprint covers (SOURCE_FILES: the .map
 * file, then each file the checker read, relative to the .map's folder) still hash to SOURCE_SHA256. Runs no part of
 * the compiler: the named preset is file.NAME.js, or file.js when that module is the preset of that name.
 */
async function loadPrebuilt(path: string, bytes: Buffer, name: string | undefined): Promise<PresetModule | undefined> {
  const candidates = name === undefined ? [prebuiltPath(path)] : [prebuiltPath(path, name), prebuiltPath(path)];
  for (const built of candidates) {
    if (built === undefined || !existsSync(built)) continue;
    const mod = (await import(pathToFileURL(built).href)) as PrebuiltModule;
    if (typeof mod.default !== "function" || !fingerprintMatches(path, bytes, mod)) continue;
    const module = mod.default(runtime);
    if (name === undefined || module.preset.name === name) return module;
  }
  return undefined;
}

interface PrebuiltModule {
  readonly SOURCE_FILES?: unknown;
  readonly SOURCE_SHA256?: unknown;
  readonly default?: ModuleFactory;
}

function fingerprintMatches(path: string, bytes: Buffer, mod: PrebuiltModule): boolean {
  const files = mod.SOURCE_FILES;
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === "string")) return false;
  const folder = dirname(resolve(path));
  const covered = (files as string[]).map((file, i) => ({
    path: file,
    bytes: i === 0 ? bytes : readBytes(resolve(folder, file)),
  }));
  return fingerprintOf(covered).sha256 === mod.SOURCE_SHA256;
}

function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Compiles .map source text and returns its transform, without touching any prebuilt module. `filename` names the
 * source in diagnostics and is where a `body matches` schema path is resolved from.
 */
export async function loadPresetSource(source: string, filename: string, options: LoadOptions = {}): Promise<Preset> {
  const name = choosePreset(filename, presetNames(source, filename), options.preset);
  return createPreset((await compileInMemory(filename, source, name, options.readFile))(runtime));
}

/**
 * Compiles the .map file to TypeScript, strips the types with the TypeScript compiler (the generated module has
 * only type imports, so nothing needs resolving) and imports the result from a file in a folder private to the process.
 */
async function compileInMemory(
  path: string,
  source: string,
  preset?: string,
  readFile: (absolutePath: string) => string | undefined = readOptional,
): Promise<ModuleFactory> {
  const filename = displayName(path);
  const result = emitChecked(source, { filename: path, readFile, preset });
  if (result.code === undefined) {
    throw new PresetCompileError(filename, result.diagnostics, renderDiagnostics(result.diagnostics, source, filename));
  }
  try {
    return await importModule(stripTypes(result.code));
  } catch (error) {
    // Type syntax the stripper does not know (a generator change it was not told of): the TypeScript compiler knows.
    if (!(error instanceof SyntaxError)) throw error;
    return importModule(await toJavaScript(result.code));
  }
}

async function importModule(js: string): Promise<ModuleFactory> {
  const mod = (await import(pathToFileURL(moduleFile(js)).href)) as { default: ModuleFactory };
  return mod.default;
}

/**
 * Strips the types from a generated module. The TypeScript compiler is loaded on first use: it is most of the
 * start-up time and memory of a command, and a shipped preset with a matching prebuilt module never needs it.
 */
export async function toJavaScript(code: string): Promise<string> {
  const { default: ts } = await import("typescript");
  return ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  }).outputText;
}

/**
 * Writes the module into a folder this process made for itself with mkdtemp (mode 0700, a fresh random name), so no
 * other user can plant or swap the file between writing and importing it, as they could in a shared, predictable
 * folder under /tmp. The folder is removed when the process exits.
 */
function moduleFile(js: string): string {
  const file = join(moduleFolder(), `${createHash("sha256").update(js).digest("hex")}.mjs`);
  if (!existsSync(file)) writeFileSync(file, js, { mode: 0o600, flag: "wx" });
  return file;
}

let privateFolder: string | undefined;

/** The folder private to this process where compiled modules are written; created on first use. */
export function moduleFolder(): string {
  privateFolder ??= createPrivateFolder();
  return privateFolder;
}

function createPrivateFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "signal-map-"));
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  removeOnSignals(folder);
  return folder;
}

/**
 * A signal ends the process without "exit" unless someone listens for it: remove the folder first, then, when no other
 * listener handles the signal (a command with a graceful stop does), end the process as the signal would have.
 */
function removeOnSignals(folder: string): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      rmSync(folder, { recursive: true, force: true });
      if (privateFolder === folder) privateFolder = undefined;
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Paths inside the package are shown relative to it, so messages and `source` read the same on every machine. */
function displayName(path: string): string {
  const absolute = resolve(path);
  const rel = relative(packageRoot, absolute);
  return rel.startsWith("..") ? path : rel.split("\\").join("/");
}
