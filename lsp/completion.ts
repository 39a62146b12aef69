// Completion from the text before the cursor (while typing, the statement under it rarely parses): `settings.` gives
// the declared settings, `context.` the canonical event's fields, a target at the start of a rule the request
// schema's fields at that depth, and anywhere else functions, roots, `let` names and keywords.

import type { CompletionItem } from "vscode-languageserver/node";
import { CompletionItemKind, InsertTextFormat } from "vscode-languageserver/node";
import type { SchemaNode } from "../compiler/check/event-schema.js";
import { CALL_TYPES } from "../compiler/check/preset-checks.js";
import { ROOTS } from "../compiler/check/types.js";
import { ALL_TOKENS } from "../dsl/tokens.js";
import { STDLIB } from "../runtime/stdlib/index.js";
import type { Analysis } from "./documents.js";
import { describeSetting, functionSignature, ROOT_DOCS } from "./describe.js";
import { canonicalFieldsAt, descriptionOf, fieldDetail, fieldsAt, requestSchemaAt } from "./schemas.js";
import { nodesAt, presetAt } from "./syntax-tree.js";

/** Every keyword of the language, read from the lexer's tokens so the list cannot drift from the grammar. */
export const KEYWORDS: readonly string[] = ALL_TOKENS.filter((t) => t.name.startsWith("Kw")).map(
  (t) => (t.PATTERN as RegExp).source,
);

// A path being typed: a root, its finished steps (names or quoted), a dot, and maybe the start of the next step.
const DOTTED = /([A-Za-z_]\w*)((?:\.(?:[A-Za-z_]\w*|"(?:[^"\\]|\\.)*"))*)\.([A-Za-z_]\w*)?$/;
// Inside an `on` list, where a bare word is a call type.
const ON_LIST = /^\s*on\s+(?:[^#]*,\s*)?[A-Za-z_]*$/;
const STEP = /\.(?:([A-Za-z_]\w*)|"((?:[^"\\]|\\.)*)")/g;

export function completionsAt(analysis: Analysis, offset: number): CompletionItem[] {
  const text = analysis.text;
  const lineStart = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  const dotted = DOTTED.exec(before);
  const inPreset = presetAt(analysis.result.ast, offset) !== undefined;
  if (dotted !== null) {
    const atStart = before.slice(0, dotted.index).trim() === "";
    const steps = [...dotted[2]!.matchAll(STEP)].map((m) => m[1] ?? decodeQuoted(m[2]!));
    if (atStart && inPreset) return targetItems(analysis, offset, [dotted[1]!, ...steps]);
    return pathItems(analysis, dotted[1]!, steps);
  }
  if (ON_LIST.test(before) && inPreset) return callTypeItems();
  if (/^\s*[A-Za-z_]*$/.test(before) && inPreset) {
    return [...keywordItems(), ...targetItems(analysis, offset, [])];
  }
  return [...functionItems(), ...nameItems(analysis, offset), ...keywordItems()];
}

function decodeQuoted(inner: string): string {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return inner;
  }
}

function pathItems(analysis: Analysis, root: string, steps: readonly string[]): CompletionItem[] {
  if (root === "settings" && steps.length === 0) {
    return (analysis.result.ast.integration?.settings ?? []).map((setting) => ({
      label: setting.name.text,
      kind: CompletionItemKind.Variable,
      detail: `${setting.type}${setting.required ? " required" : ""}${setting.values?.length ? ` one of ${setting.values.map((v) => JSON.stringify(v.value)).join(", ")}` : ""}`,
      documentation: { kind: "markdown", value: describeSetting(setting) },
    }));
  }
  if (root === "context" || root === "event") return fieldItems(canonicalFieldsAt(root, steps));
  return [];
}

function targetItems(analysis: Analysis, offset: number, steps: readonly string[]): CompletionItem[] {
  const schema = requestSchemaAt(analysis, offset);
  return schema === undefined ? [] : fieldItems(fieldsAt(schema, steps));
}

function fieldItems(fields: ReadonlyMap<string, SchemaNode>): CompletionItem[] {
  return [...fields].map(([key, schema]) => {
    const description = descriptionOf(schema);
    return {
      label: key,
      kind: CompletionItemKind.Field,
      detail: fieldDetail(schema),
      ...(description !== undefined ? { documentation: description } : {}),
    };
  });
}

function functionItems(): CompletionItem[] {
  return STDLIB.map((spec) => ({
    label: spec.name,
    kind: CompletionItemKind.Function,
    detail: functionSignature(spec),
    documentation: { kind: "markdown", value: spec.doc },
    insertText: `${spec.name}($0)`,
    insertTextFormat: InsertTextFormat.Snippet,
  }));
}

/** Roots, the `let` names defined above the cursor, and the loop names around it. */
function nameItems(analysis: Analysis, offset: number): CompletionItem[] {
  const roots = ROOTS.map((root) => ({
    label: root,
    kind: CompletionItemKind.Module,
    ...(ROOT_DOCS[root] !== undefined ? { documentation: ROOT_DOCS[root] } : {}),
  }));
  const preset = presetAt(analysis.result.ast, offset);
  const lets = (preset?.statements ?? []).flatMap((s) =>
    s.kind === "Let" && s.span.end <= offset ? [s.name.text] : [],
  );
  const loops = nodesAt(analysis.result.ast, offset).flatMap(({ node }) =>
    node.kind === "Comprehension" ? [(node.name as { text: string }).text] : [],
  );
  const bound = [...new Set([...lets, ...loops])].map((name) => ({ label: name, kind: CompletionItemKind.Variable }));
  return [...roots, ...bound];
}

function keywordItems(): CompletionItem[] {
  return KEYWORDS.map((word) => ({ label: word, kind: CompletionItemKind.Keyword }));
}

function callTypeItems(): CompletionItem[] {
  return CALL_TYPES.map((type) => ({
    label: type,
    kind: CompletionItemKind.EnumMember,
    detail: "every call of this type",
  }));
}
