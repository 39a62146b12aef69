// Small constructors for front-end diagnostics, so every phase builds the shared Diagnostic shape the same way.

import type { Span } from "./ast.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic, Label } from "../diagnostics/diagnostic.js";

export interface DiagnosticExtras {
  readonly labels?: readonly Label[];
  readonly hints?: readonly string[];
}

export function errorAt(code: DiagnosticCode, message: string, span: Span, extras: DiagnosticExtras = {}): Diagnostic {
  return { code, severity: "error", message, span, labels: extras.labels ?? [], hints: extras.hints ?? [] };
}

/** Quotes source text for a message, shortened so one long token cannot flood the terminal. */
export function quoteSource(text: string): string {
  const short = text.length > 32 ? `${text.slice(0, 29)}...` : text;
  // Control characters would garble the terminal; everything else is shown as written, backslashes included.
  const visible = short.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `"${visible}"`;
}
