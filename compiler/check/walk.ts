// Walks a (possibly partial) AST in source order and runs the check table on every node, children first.

import type { Expr, MapFile, PresetDecl, Statement } from "../../dsl/ast.js";
import { listOf } from "./types.js";
import { createPresetState, TOP_SITE, type CheckContext, type FileState, type PresetState } from "./context.js";
import type { Reporter } from "./report.js";
import { runChecks, type CheckTable } from "./table.js";
import { enterSendBlock } from "./scope-checks.js";

/** Checks the whole file; returns each preset's collected facts, in order. */
export function walkFile(table: CheckTable, reporter: Reporter, file: FileState): PresetState[] {
  const fileContext: CheckContext = { reporter, file, preset: undefined, site: TOP_SITE };
  const integration = file.file?.integration;
  if (isNode(integration)) {
    for (const setting of listOf(integration.settings)) {
      if (isNode(setting)) runChecks(table, "SettingDecl", setting, fileContext);
    }
    runChecks(table, "IntegrationDecl", integration, fileContext);
  }
  const presets = listOf(file.file?.presets)
    .filter(isNode)
    .map((decl) => walkPreset(table, fileContext, decl));
  if (isNode(file.file)) runChecks(table, "MapFile", file.file as MapFile, fileContext);
  return presets;
}

function walkPreset(table: CheckTable, fileContext: CheckContext, decl: PresetDecl): PresetState {
  const preset = createPresetState(fileContext.file, decl);
  const context: CheckContext = { ...fileContext, preset };
  for (const statement of listOf(decl.statements)) {
    if (isNode(statement)) walkStatement(table, context, statement);
  }
  runChecks(table, "PresetDecl", decl, context);
  return preset;
}

function walkStatement(table: CheckTable, context: CheckContext, statement: Statement): void {
  switch (statement.kind) {
    case "On":
      return runChecks(table, "On", statement, context);
    case "Send":
      enterSendBlock(context);
      walkExpr(table, context, statement.url);
      // A slot may carry a secret (an API key in the path), like a header value.
      for (const slot of listOf(statement.slots))
        walkExpr(table, { ...context, site: { ...TOP_SITE, inHeaderValue: true } }, slot?.path);
      walkExpr(table, deciding(context, "a when condition"), statement.when);
      for (const header of listOf(statement.headers)) {
        if (!isNode(header)) continue;
        walkExpr(table, { ...context, site: { ...TOP_SITE, inHeaderValue: true } }, header.value);
        runChecks(table, "Header", header, context);
      }
      for (const query of listOf(statement.queries)) {
        if (!isNode(query)) continue;
        walkExpr(table, { ...context, site: { ...TOP_SITE, inHeaderValue: true } }, query.value);
        runChecks(table, "Query", query, context);
      }
      return runChecks(table, "Send", statement, context);
    case "Order":
      walkExpr(table, deciding(context, "order by"), statement.value);
      return runChecks(table, "Order", statement, context);
    case "Let":
      walkExpr(table, deciding(context, "a let"), statement.value);
      return runChecks(table, "Let", statement, context);
    case "Require":
      walkExpr(table, deciding(context, "require"), statement.value);
      walkExpr(table, deciding(context, "a require condition"), statement.when);
      return runChecks(table, "Require", statement, context);
    case "Drop":
      walkExpr(table, deciding(context, "a drop condition"), statement.when);
      return runChecks(table, "Drop", statement, context);
    case "Assign":
      walkExpr(table, context, statement.value);
      walkExpr(table, deciding(context, "a when condition"), statement.when);
      return runChecks(table, "Assign", statement, context);
  }
}

// Each child gets a site derived from its parent's: only the direct left operand of `??` is marked as handled.
function walkExpr(table: CheckTable, parent: CheckContext, expr: Expr | undefined): void {
  if (!isNode(expr)) return;
  const context: CheckContext = parent.site.fallbackLeft
    ? { ...parent, site: { ...parent.site, fallbackLeft: false } }
    : parent;
  switch (expr.kind) {
    case "String":
    case "Number":
    case "Boolean":
    case "Null":
    case "Omit":
    case "Path":
      return runChecks(table, expr.kind, expr as never, parent);
    case "List":
      for (const item of listOf(expr.items)) walkExpr(table, context, item);
      return runChecks(table, "List", expr, parent);
    case "Call":
      for (const arg of listOf(expr.args)) walkExpr(table, context, arg);
      return runChecks(table, "Call", expr, parent);
    case "Binary": {
      const operands = expr.operator === "+" ? context : deciding(context, DECIDING_OPERATORS[expr.operator]);
      walkExpr(table, operands, expr.left);
      walkExpr(table, operands, expr.right);
      return runChecks(table, "Binary", expr, parent);
    }
    case "Not":
      walkExpr(table, deciding(context, "a condition"), expr.operand);
      return runChecks(table, "Not", expr, parent);
    case "Fallback":
      walkExpr(table, { ...context, site: { ...context.site, fallbackLeft: true } }, expr.left);
      walkExpr(table, context, expr.right);
      return runChecks(table, "Fallback", expr, parent);
    default:
      return walkCompound(table, parent, context, expr);
  }
}

/** Objects, comprehensions, `if` and `match`: a comprehension's loop name is in scope in its item and condition. */
function walkCompound(table: CheckTable, parent: CheckContext, context: CheckContext, expr: Expr): void {
  switch (expr.kind) {
    case "Object":
      for (const entry of listOf(expr.entries)) walkExpr(table, context, entry?.value);
      return runChecks(table, "Object", expr, parent);
    case "Comprehension": {
      walkExpr(table, context, expr.source);
      const loops = new Map(context.site.loops ?? []);
      if (typeof expr.name?.text === "string") loops.set(expr.name.text, expr.source);
      const inner: CheckContext = { ...context, site: { ...context.site, loops } };
      walkExpr(table, inner, expr.item);
      walkExpr(table, inner, expr.condition);
      return runChecks(table, "Comprehension", expr, parent);
    }
    case "If":
      walkExpr(table, context, expr.condition);
      walkExpr(table, context, expr.then);
      walkExpr(table, context, expr.otherwise);
      return runChecks(table, "If", expr, parent);
    case "Match":
      walkExpr(table, context, expr.subject);
      for (const arm of listOf(expr.arms)) walkExpr(table, context, arm?.value);
      walkExpr(table, context, expr.otherwise);
      return runChecks(table, "Match", expr, parent);
  }
}

/** Where a secret may not be read (E408): a value that decides what is sent. The outermost reason is kept. */
export function deciding(context: CheckContext, what: string): CheckContext {
  if (context.site.decides !== undefined) return context;
  return { ...context, site: { ...context.site, decides: what } };
}

const DECIDING_OPERATORS: Readonly<Record<string, string>> = {
  "==": "a comparison",
  "!=": "a comparison",
  "<": "a comparison",
  "<=": "a comparison",
  ">": "a comparison",
  ">=": "a comparison",
  in: "a membership test",
  and: "a condition",
  or: "a condition",
};

/** True for an AST node: error recovery may leave holes where a node was expected. */
export function isNode<T>(value: T | undefined | null): value is T {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}
