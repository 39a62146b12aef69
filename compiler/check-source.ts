// Parse and check a .map source with no file-system access: the reader of schemas is given, so this runs in a browser.

import { parse } from "../dsl/parse.js";
import type { MapFile } from "../dsl/ast.js";
import { checkFile, type CheckedPreset } from "./check/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface CheckSourceOptions {
  /** The .map file's path; a `body matches` schema is resolved relative to its folder. */
  readonly filename: string;
  /** Reads a file by absolute path (a disk, or an in-memory map of files); undefined when it cannot be read. */
  readonly readFile: (absolutePath: string) => string | undefined;
}

export interface SourceCheck {
  readonly diagnostics: Diagnostic[];
  readonly ast: MapFile;
  readonly presets: CheckedPreset[];
}

/** Parses and checks a .map source. Never throws: any failure is a diagnostic. */
export function checkSource(source: string, options: CheckSourceOptions): SourceCheck {
  try {
    const { ast, diagnostics } = parse(source, options.filename);
    const checked = checkFile(ast, { filename: options.filename, readFile: options.readFile });
    const all = [...diagnostics, ...checked.diagnostics, ...presetCount(ast)];
    return { diagnostics: sortDiagnostics(all), ast, presets: checked.presets };
  } catch (error) {
    const empty: MapFile = { kind: "MapFile", span: { start: 0, end: 0 }, presets: [] };
    return { diagnostics: [internalError(error)], ast: empty, presets: [] };
  }
}

/** A file needs a preset. Several are fine (language v2; E411 is retired): each compiles to its own module. */
function presetCount(ast: MapFile): Diagnostic[] {
  if (!ast.integration || ast.presets.length > 0) return [];
  const end = ast.span.end;
  return [
    diagnostic("E412", "the file declares no preset", { start: end, end }, [
      'add a preset after the integration header, e.g. preset lead_capture "Lead Capture"',
    ]),
  ];
}

export function diagnostic(
  code: Diagnostic["code"],
  message: string,
  span: Diagnostic["span"],
  hints: string[],
): Diagnostic {
  return { code, severity: "error", message, span, labels: [], hints };
}

export function internalError(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return diagnostic("E900", `internal compiler error: ${reason}`, { start: 0, end: 0 }, [
    "this is a bug in signal-map, not in your file: please report it with the .map file",
  ]);
}

/** Diagnostics in source order, so a reader meets them as they read the file. */
function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
