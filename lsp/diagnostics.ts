// The compiler's diagnostics as LSP diagnostics: same code and severity, range from the span, labels as related
// information, and the hints ("did you mean …") in the message, where every editor shows them.

import type { Diagnostic as LspDiagnostic, Range } from "vscode-languageserver/node";
import { DiagnosticSeverity } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";

export function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toLspDiagnostic(d: Diagnostic, document: TextDocument): LspDiagnostic {
  return {
    range: rangeOf(document, d.span),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: "signal-map",
    message: [d.message, ...d.hints.map((hint) => `help: ${hint}`)].join("\n"),
    relatedInformation: d.labels.map((label) => ({
      location: { uri: document.uri, range: rangeOf(document, label.span) },
      message: label.message,
    })),
  };
}

export function toLspDiagnostics(list: readonly Diagnostic[], document: TextDocument): LspDiagnostic[] {
  return list.map((d) => toLspDiagnostic(d, document));
}
