// Go to definition: a `let` name or a loop name to where it is bound, `settings.x` to its `setting` line.

import type { Location } from "vscode-languageserver/node";
import type { PathExpr, Span } from "../dsl/ast.js";
import type { Analysis } from "./documents.js";
import { rangeOf } from "./diagnostics.js";
import { letFor, loopBinding, nodesAt, presetAt } from "./syntax-tree.js";

export function definitionAt(analysis: Analysis, offset: number): Location | null {
  const span = definitionSpan(analysis, offset);
  return span === undefined ? null : { uri: analysis.document.uri, range: rangeOf(analysis.document, span) };
}

function definitionSpan(analysis: Analysis, offset: number): Span | undefined {
  const ast = analysis.result.ast;
  const chain = nodesAt(ast, offset);
  const step = chain[chain.length - 1];
  const parent = chain[chain.length - 2]?.node;
  if (step === undefined || parent?.kind !== "Path") return undefined;
  const path = parent as unknown as PathExpr;
  if (step.key === "root") {
    const name = path.root.text;
    const loop = loopBinding(chain, name);
    if (loop !== undefined) return loop.name.span;
    const preset = presetAt(ast, offset);
    return preset === undefined ? undefined : letFor(preset, name, offset)?.name.span;
  }
  const segment = path.segments[0];
  if (path.root.text === "settings" && step.index === 0 && segment?.kind === "Field") {
    return ast.integration?.settings.find((s) => s.name.text === segment.name)?.name.span;
  }
  return undefined;
}
