// The one diagnostic shape shared by every phase: lexer, parser, checker and code generator.

import type { DiagnosticCode } from "./codes.js";

/** Half-open character range [start, end) into the source text. Lines and columns are computed only when rendering. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = "error" | "warning";

/** A secondary location that explains the primary one ("first assigned here"). */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Primary location; lines and columns are computed from it only when rendering. */
  readonly span: Span;
  readonly labels: readonly Label[];
  /** Each hint is one sentence telling the author how to fix it, e.g. `did you mean "first_name"?`. */
  readonly hints: readonly string[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
