// Quick fixes: a diagnostic whose hint says `did you mean "trim"?` offers to replace the misspelt name with it.

import type { CodeAction, CodeActionParams } from "vscode-languageserver/node";
import { CodeActionKind } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUGGESTION = /^help: did you mean ("(?:[^"\\]|\\.)*")\?$/m;

/** One quick fix per signal-map diagnostic whose span is a name and whose hint suggests another name. */
export function quickFixes(document: TextDocument, params: CodeActionParams): CodeAction[] {
  return params.context.diagnostics.flatMap((diagnostic): CodeAction[] => {
    if (diagnostic.source !== "signal-map") return [];
    const message = diagnostic.message;
    const suggested = suggestion(typeof message === "string" ? message : message.value);
    const written = document.getText(diagnostic.range);
    if (suggested === undefined || !NAME.test(written) || !NAME.test(suggested)) return [];
    return [
      {
        title: `Change "${written}" to "${suggested}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText: suggested }] } },
      },
    ];
  });
}

function suggestion(message: string): string | undefined {
  const match = SUGGESTION.exec(message);
  if (match === null) return undefined;
  try {
    const value: unknown = JSON.parse(match[1]!);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
