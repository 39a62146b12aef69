// The server's view of an open .map document: its file path and its parse and check result, computed once per version.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { check, type CheckResult } from "../compiler/index.js";

export interface Analysis {
  readonly document: TextDocument;
  readonly text: string;
  /** TextDocuments updates a document in place, so the version checked is kept apart from it. */
  readonly version: number;
  /** The document's absolute path: `body matches "…"` is resolved relative to it, as `signal-map check` does. */
  readonly filename: string;
  readonly result: CheckResult;
  readonly readFile: (absolutePath: string) => string | undefined;
}

/** A `file:` URI as a path; any other document (an unsaved buffer) is taken to live in the server's folder. */
export function filenameOf(uri: string, cwd: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A malformed file URI falls through to the unsaved-buffer case.
    }
  }
  return resolve(cwd, "untitled.map");
}

export function readText(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, "utf8");
  } catch {
    return undefined;
  }
}

/** Analyses by document URI; a hover or completion between two keystrokes reuses the check of the same version. */
export class Analyses {
  private readonly cache = new Map<string, Analysis>();

  constructor(private readonly cwd: string) {}

  of(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached !== undefined && cached.version === document.version) return cached;
    const text = document.getText();
    const filename = filenameOf(document.uri, this.cwd);
    const result = check(text, { filename, readFile: readText });
    const analysis: Analysis = { document, text, version: document.version, filename, result, readFile: readText };
    this.cache.set(document.uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
