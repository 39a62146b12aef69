// The compiler's entry: parse, check, and (only when there are no errors) generate a formatted TypeScript module.

import { readFileSync } from "node:fs";
import { relative, resolve, dirname } from "node:path";
import { parse } from "../dsl/parse.js";
import type { MapFile } from "../dsl/ast.js";
import type { CheckedPreset } from "./check/index.js";
import { checkSource, diagnostic, internalError } from "./check-source.js";
import { emitModule } from "./codegen/emit-module.js";
import { recordingReader } from "./codegen/fingerprint.js";
import { formatTypeScript } from "./format.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";

export { checkSource, type CheckSourceOptions } from "./check-source.js";

export interface CompileOptions {
  /** The .map file's path as the user gave it; schemas are resolved relative to it. */
  readonly filename: string;
  /** Reads a file by absolute path; undefined when it cannot be read. Defaults to the file system. */
  readonly readFile?: (absolutePath: string) => string | undefined;
  /** Module the generated code imports its types from (default "signal-map/runtime"). */
  readonly runtimeModule?: string;
  /** The preset to compile when the file holds several; a file with one needs no name. */
  readonly preset?: string;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly ast: MapFile;
  readonly presets: CheckedPreset[];
}

export interface CompileResult {
  readonly diagnostics: Diagnostic[];
  /** The generated TypeScript module; present only when there are no errors. */
  readonly code?: string;
}

/** Parses and checks a .map source, reading schemas from disk unless told otherwise. Never throws. */
export function check(source: string, options: CompileOptions): CheckResult {
  return checkSource(source, { filename: options.filename, readFile: options.readFile ?? readText });
}

/** Checks, then generates and formats the module of one preset. Never throws: any failure is a diagnostic. */
export async function compile(source: string, options: CompileOptions): Promise<CompileResult> {
  const emitted = emitChecked(source, options);
  if (emitted.code === undefined) return emitted;
  try {
    return { diagnostics: emitted.diagnostics, code: await formatTypeScript(emitted.code) };
  } catch (error) {
    return { diagnostics: [...emitted.diagnostics, internalError(error)] };
  }
}

/**
 * Checks and generates the module of one preset, unformatted: what loading a .map in memory needs (formatting is for
 * people). The module records what its fingerprint covers: the source and every file the checker read.
 */
export function emitChecked(source: string, options: CompileOptions): CompileResult {
  const recording = recordingReader(options.filename, source, options.readFile ?? readText);
  const checked = check(source, { ...options, readFile: recording.readFile });
  const chosen = choosePreset(checked, options.preset);
  if (chosen.problem !== undefined) return { diagnostics: [...checked.diagnostics, chosen.problem] };
  const preset = chosen.preset;
  if (hasErrors(checked.diagnostics) || !checked.ast.integration || !preset)
    return { diagnostics: checked.diagnostics };
  try {
    const code = emitModule({
      source,
      filename: options.filename,
      integration: checked.ast.integration,
      preset: preset.decl,
      layout: preset.layout,
      schemas: preset.schemas.map(({ schema, path }) => ({
        schema,
        path: schemaPathForHeader(options.filename, path),
      })),
      usesClock: preset.usesClock,
      secretHeaders: preset.secretHeaders,
      runtimeModule: options.runtimeModule,
      fingerprint: recording.fingerprint(),
    });
    return { diagnostics: checked.diagnostics, code };
  } catch (error) {
    return { diagnostics: [...checked.diagnostics, internalError(error)] };
  }
}

/** The names of the presets a source declares, in order (empty when it does not parse that far). */
export function presetNames(source: string, filename: string): string[] {
  return parse(source, filename).ast.presets.map((p) => p.name.text);
}

/** The preset to compile: the named one, or the only one; a diagnostic listing the names otherwise. */
function choosePreset(checked: CheckResult, name: string | undefined) {
  const presets = checked.presets;
  const names = presets.map((p) => p.decl.name.text);
  const list = names.map((n) => `"${n}"`).join(", ");
  const at = { start: 0, end: 0 };
  if (name === undefined) {
    if (presets.length <= 1) return { preset: presets[0] };
    return {
      problem: diagnostic("E441", `the file holds ${presets.length} presets (${list}); name the one to use`, at, [
        `choose one with --preset NAME, e.g. --preset ${names[0]}`,
      ]),
    };
  }
  const preset = presets.find((p) => p.decl.name.text === name);
  if (preset !== undefined) return { preset };
  const hint = names.length === 0 ? "the file declares no preset" : `the file has: ${list}`;
  return { problem: diagnostic("E442", `the file has no preset named "${name}"`, at, [hint]) };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The schema path relative to the .map file, with forward slashes, so the header is the same on every machine. */
function schemaPathForHeader(filename: string, schemaPath: string | undefined): string | undefined {
  if (schemaPath === undefined) return undefined;
  const absolute = resolve(dirname(resolve(filename)), schemaPath);
  return relative(dirname(resolve(filename)), absolute)
    .split("\\")
    .join("/");
}

export type { Diagnostic } from "../diagnostics/diagnostic.js";
