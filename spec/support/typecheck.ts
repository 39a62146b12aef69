// Type-checks generated modules under `tsc --strict`, in memory, against the runtime's real types.

import ts from "typescript";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ["node"],
  skipLibCheck: true,
  baseUrl: ROOT,
  // Generated modules import their types from the package name; here that is the runtime's source.
  paths: { "signal-map/runtime": ["runtime/index.ts"] },
  allowImportingTsExtensions: true,
};

/** Type errors of the given modules (name → TypeScript source), rendered one per line; empty when all are clean. */
export function typeErrors(modules: ReadonlyMap<string, string>): string[] {
  const files = new Map([...modules].map(([name, code]) => [resolve(ROOT, ".typecheck", `${name}.ts`), code]));
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => files.get(resolve(file)) ?? readFile(file);
  host.fileExists = (file) => files.has(resolve(file)) || fileExists(file);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const ours = new Set(files.keys());
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || ours.has(resolve(d.file.fileName)))
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const at = d.file && where ? `${d.file.fileName}:${where.line + 1}:${where.character + 1}: ` : "";
      return at + ts.flattenDiagnosticMessageText(d.messageText, "\n");
    });
}
