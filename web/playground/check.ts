// Checks the edited .map source in the browser, with the same checker and rendering as `signal-map check`.

import { checkSource } from "../../compiler/check-source.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { locate, renderDiagnostic, summarize } from "../../diagnostics/render.js";
import { mapPath, memoryReader } from "./files.js";

export interface ShownDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic["severity"];
  /** 1-based line of the span's start: the line highlighted in the editor. */
  readonly line: number;
  /** The CLI's text: `file:line:col: error[E200]: message`, the source line with carets, then the hints. */
  readonly text: string;
}

export interface BrowserCheck {
  readonly diagnostics: ShownDiagnostic[];
  readonly summary: string;
  readonly hasErrors: boolean;
}

export interface PlaygroundFiles {
  readonly mapName: string;
  readonly source: string;
  readonly schemaName: string;
  readonly schema: string;
}

/** Parses and checks the source; the schema box is the only file the checker can read. */
export function checkInBrowser(files: PlaygroundFiles): BrowserCheck {
  const readFile = memoryReader({ [mapPath(files.schemaName)]: files.schema });
  const { diagnostics } = checkSource(files.source, { filename: mapPath(files.mapName), readFile });
  return {
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      line: locate(files.source, d.span.start).line,
      text: renderDiagnostic(d, files.source, files.mapName),
    })),
    summary: summarize(diagnostics),
    hasErrors: hasErrors(diagnostics),
  };
}
