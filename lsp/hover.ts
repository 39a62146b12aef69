// Hover: a function's signature and doc, a target field's type and description from the request schema, a setting's
// declaration, a `context.*` field from the canonical event schema, a `let`'s definition.

import type { Hover } from "vscode-languageserver/node";
import type { PathExpr, PathSegment } from "../dsl/ast.js";
import { resolveCanonicalPath } from "../compiler/check/event-schema.js";
import { ITEMS_STEP, resolveAssignmentTarget, schemaAt } from "../compiler/check/request-schema.js";
import { STDLIB_BY_NAME } from "../runtime/stdlib/index.js";
import type { Analysis } from "./documents.js";
import { rangeOf } from "./diagnostics.js";
import { codeBlock, describeFunction, describeSetting, ROOT_DOCS } from "./describe.js";
import { joinVariants } from "../compiler/check/schema-variants.js";
import { describeField, requestSchemaAt } from "./schemas.js";
import { letFor, loopBinding, nodesAt, presetAt, type AnyNode, type Step } from "./syntax-tree.js";

export function hoverAt(analysis: Analysis, offset: number): Hover | null {
  const chain = nodesAt(analysis.result.ast, offset);
  const step = chain[chain.length - 1];
  const parent = chain[chain.length - 2]?.node;
  if (step === undefined || parent === undefined) return null;
  const markdown = describe(analysis, chain, step, parent, offset);
  if (markdown === undefined) return null;
  return { contents: { kind: "markdown", value: markdown }, range: rangeOf(analysis.document, step.node.span) };
}

function describe(analysis: Analysis, chain: Step[], step: Step, parent: AnyNode, offset: number): string | undefined {
  const node = step.node;
  if (node.kind === "Name" && step.key === "callee") {
    const spec = STDLIB_BY_NAME.get(node.text as string);
    return spec === undefined ? undefined : describeFunction(spec);
  }
  if (node.kind === "Name" && step.key === "root") return describeRoot(analysis, chain, node.text as string, offset);
  if (node.kind === "Field" && parent.kind === "Path")
    return describeSegment(analysis, parent as unknown as PathExpr, step);
  if (node.kind === "Name" && step.key === "target" && step.index !== undefined) {
    return describeTarget(analysis, parent, step.index, offset);
  }
  if (node.kind === "Entry") return describeEntry(analysis, chain, offset);
  if (node.kind === "Name" && step.key === "calls")
    return `**${node.text}**: the preset takes every \`${node.text}\` call`;
  if (node.kind === "Name" && step.key === "name" && parent.kind === "SettingDecl")
    return settingDoc(analysis, node.text);
  if (node.kind === "Name" && step.key === "name" && parent.kind === "Let") {
    return codeBlock(analysis.text.slice(parent.span.start, parent.span.end));
  }
  return undefined;
}

function describeRoot(analysis: Analysis, chain: Step[], name: string, offset: number): string | undefined {
  const loop = loopBinding(chain, name);
  if (loop !== undefined) return `Loop name \`${name}\`: each element of the list in turn.`;
  const preset = presetAt(analysis.result.ast, offset);
  const binding = preset === undefined ? undefined : letFor(preset, name, offset);
  if (binding !== undefined) return codeBlock(analysis.text.slice(binding.span.start, binding.span.end));
  const doc = ROOT_DOCS[name];
  return doc === undefined ? undefined : `**${name}**: ${doc}`;
}

function settingDoc(analysis: Analysis, name: unknown): string | undefined {
  const setting = analysis.result.ast.integration?.settings.find((s) => s.name.text === name);
  return setting === undefined ? undefined : describeSetting(setting);
}

function describeSegment(analysis: Analysis, path: PathExpr, step: Step): string | undefined {
  const index = step.index ?? 0;
  const root = path.root.text;
  if (root === "settings" && index === 0)
    return settingDoc(analysis, (step.node as unknown as PathSegment & { kind: "Field" }).name);
  if (root !== "context" && root !== "event") return undefined;
  const segments = path.segments.slice(0, index + 1);
  const resolution = resolveCanonicalPath(root, segments);
  if (resolution.kind !== "declared") return undefined;
  const title = [root, ...segments.map((s) => (s.kind === "Field" ? s.name : `[${s.index}]`))].join(".");
  return describeField(title, resolution.schema);
}

function describeTarget(analysis: Analysis, assignment: AnyNode, index: number, offset: number): string | undefined {
  const root = requestSchemaAt(analysis, offset);
  if (root === undefined) return undefined;
  const names = (assignment.target as { text: string }[]).slice(0, index + 1).map((name) => name.text);
  const resolution = resolveAssignmentTarget(root, names);
  if (resolution.kind === "open") return `**${names.join(".")}**: any value (its object allows any key)`;
  return resolution.kind === "field" ? describeField(names.join("."), resolution.schema) : undefined;
}

/** A key of an object literal assigned to a target: the field it sets, found by the steps from the target down. */
function describeEntry(analysis: Analysis, chain: Step[], offset: number): string | undefined {
  const entry = chain[chain.length - 1]!.node;
  const keySpan = entry.keySpan as { start: number; end: number };
  const at = chain.findIndex(({ node }) => node.kind === "Assign");
  if (offset < keySpan.start || offset > keySpan.end || at < 0) return undefined;
  const root = requestSchemaAt(analysis, offset);
  if (root === undefined) return undefined;
  const steps = (chain[at]!.node.target as { text: string }[]).map((name) => name.text);
  for (const { node, key } of chain.slice(at + 1)) {
    if (node.kind === "Entry") steps.push(node.key as string);
    else if (node.kind === "List" || (node.kind === "Comprehension" && key !== "source")) steps.push(ITEMS_STEP);
  }
  const found = schemaAt(root, steps);
  if (found.length === 0) return undefined;
  return describeField(steps.filter((step) => step !== ITEMS_STEP).join("."), joinVariants(found));
}
