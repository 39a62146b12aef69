// The AST shape gate in front of the checks: malformed parts are left out and reported, so checks can trust types.
//
// The parser leaves out any statement it could not parse whole, so its ASTs always pass unchanged (same objects).
// Anything else (a hand-built or damaged tree) has its malformed statements, settings and presets dropped, each with
// an E900: the file then never checks clean, so no code is generated from a tree the checks could not see.

import type {
  Expr,
  IntegrationDecl,
  MapFile,
  Name,
  PresetDecl,
  SettingDecl,
  Span,
  Statement,
  StringLiteral,
} from "../../dsl/ast.js";
import type { Reporter } from "./report.js";

type Shape = Record<string, unknown>;

const SETTING_TYPES = new Set(["string", "number", "boolean", "region", "secret"]);
const OPERATORS = new Set(["+", "==", "!=", "and", "or", "-", "*", "/", "<", "<=", ">", ">=", "in"]);

/** The file with malformed parts left out; the very same objects when nothing is malformed. */
export function wellFormedFile(file: unknown, reporter: Reporter): MapFile {
  const shape = asShape(file);
  const span = isSpan(shape?.span) ? shape.span : { start: 0, end: 0 };
  if (shape?.kind !== "MapFile" || !Array.isArray(shape.presets)) {
    reportDropped(reporter, span, "the file");
    return { kind: "MapFile", span, presets: [] };
  }
  const integration =
    shape.integration === undefined ? undefined : wellFormedIntegration(shape.integration, reporter, span);
  const presets = keepWellFormed(shape.presets, reporter, span, "a preset", (item) => wellFormedPreset(item, reporter));
  if (integration === shape.integration && presets === shape.presets) return file as MapFile;
  return { ...(file as MapFile), integration, presets };
}

function wellFormedIntegration(value: unknown, reporter: Reporter, fileSpan: Span): IntegrationDecl | undefined {
  const shape = asShape(value);
  if (
    !isNode(shape, "IntegrationDecl") ||
    !isName(shape.name) ||
    !optional(shape.title, isString) ||
    !Array.isArray(shape.settings)
  ) {
    reportDropped(reporter, spanOf(value) ?? fileSpan, "the integration header");
    return undefined;
  }
  const settings = keepWellFormed(shape.settings, reporter, shape.span, "a setting", (item) =>
    isSetting(item) ? item : undefined,
  );
  return settings === shape.settings ? (value as IntegrationDecl) : { ...(value as IntegrationDecl), settings };
}

function wellFormedPreset(value: unknown, reporter: Reporter): PresetDecl | undefined {
  const shape = asShape(value);
  if (
    !isNode(shape, "PresetDecl") ||
    !isName(shape.name) ||
    !optional(shape.title, isString) ||
    !Array.isArray(shape.statements)
  ) {
    return undefined;
  }
  const statements = keepWellFormed(shape.statements, reporter, shape.span, "a statement", (item) =>
    isStatement(item) ? item : undefined,
  );
  return statements === shape.statements ? (value as PresetDecl) : { ...(value as PresetDecl), statements };
}

/** The items that pass `check`; the same array when all pass unchanged. Each dropped item is reported. */
function keepWellFormed<T>(
  items: readonly unknown[],
  reporter: Reporter,
  parent: Span,
  what: string,
  check: (item: unknown) => T | undefined,
): T[] {
  const kept: T[] = [];
  let changed = false;
  for (const item of items) {
    const good = check(item);
    if (good === undefined) reportDropped(reporter, spanOf(item) ?? parent, what);
    else kept.push(good);
    // A kept item may itself be a repaired copy (a preset with a statement left out).
    changed ||= good !== item;
  }
  return changed ? kept : (items as T[]);
}

function reportDropped(reporter: Reporter, span: Span, what: string): void {
  reporter.report(
    "E900",
    span,
    `internal compiler error: ${what} is malformed in the syntax tree and was not checked`,
    {
      hints: ["please report this with the .map file that caused it"],
    },
  );
}

function isSetting(value: unknown): value is SettingDecl {
  const shape = asShape(value);
  return (
    isNode(shape, "SettingDecl") &&
    isName(shape.name) &&
    SETTING_TYPES.has(shape.type as string) &&
    isSpan(shape.typeSpan) &&
    typeof shape.required === "boolean" &&
    optional(shape.description, isString) &&
    optionalList(shape.values, isSettingLiteral) &&
    optional(shape.default, isSettingLiteral)
  );
}

/** A value of `one of` or `default`: a text, number or boolean literal. */
function isSettingLiteral(value: unknown): boolean {
  const shape = asShape(value);
  return ["String", "Number", "Boolean"].includes(shape?.kind as string) && isExpr(shape);
}

function isStatement(value: unknown): value is Statement {
  const shape = asShape(value);
  if (shape === undefined || !isSpan(shape.span)) return false;
  switch (shape.kind) {
    case "On":
      return everyItem(shape.events, isString) && optionalList(shape.calls, isName) && optional(shape.allSpan, isSpan);
    case "Send":
      return (
        typeof shape.method === "string" &&
        isSpan(shape.methodSpan) &&
        isExpr(shape.url) &&
        optional(shape.when, isExpr) &&
        optionalList(shape.slots, isSlot) &&
        everyItem(shape.headers, isHeader) &&
        optionalList(shape.queries, isQuery) &&
        optional(shape.bodySchema, isString) &&
        optional(shape.batch, isBatch)
      );
    case "Order":
      return isExpr(shape.value);
    case "Let":
      return isName(shape.name) && isExpr(shape.value);
    case "Require":
      return isExpr(shape.value) && isString(shape.message) && optional(shape.when, isExpr);
    case "Drop":
      return isString(shape.reason) && isExpr(shape.when);
    case "Assign":
      return (
        everyItem(shape.target, isName) &&
        // An empty target is `body <- expr` (the whole body).
        isSpan(shape.targetSpan) &&
        isExpr(shape.value) &&
        optional(shape.when, isExpr)
      );
    default:
      return false;
  }
}

function isHeader(value: unknown): boolean {
  const shape = asShape(value);
  return isNode(shape, "Header") && isString(shape.name) && isExpr(shape.value);
}

function isSlot(value: unknown): boolean {
  const shape = asShape(value);
  return isNode(shape, "UrlSlot") && isExpr(shape.path) && asShape(shape.path)?.kind === "Path";
}

function isQuery(value: unknown): boolean {
  const shape = asShape(value);
  return isNode(shape, "Query") && isString(shape.name) && isExpr(shape.value);
}

function isBatch(value: unknown): boolean {
  const shape = asShape(value);
  return (
    isNode(shape, "Batch") &&
    everyItem(shape.target, isName) &&
    isSpan(shape.targetSpan) &&
    Number.isSafeInteger(shape.maxItems) &&
    optional(shape.maxBytes, Number.isSafeInteger)
  );
}

/** Lists added in language v2 may be missing from a tree built by hand for version 1. */
function optionalList(value: unknown, check: (item: unknown) => boolean): boolean {
  return value === undefined || everyItem(value, check);
}

function isExpr(value: unknown): value is Expr {
  const shape = asShape(value);
  if (shape === undefined || !isSpan(shape.span)) return false;
  switch (shape.kind) {
    case "String":
      return typeof shape.value === "string";
    case "Number":
      return typeof shape.value === "number";
    case "Boolean":
      return typeof shape.value === "boolean";
    case "Null":
    case "Omit":
      return true;
    case "List":
      return everyItem(shape.items, isExpr);
    case "Path":
      return isName(shape.root) && everyItem(shape.segments, isSegment);
    case "Call":
      return isName(shape.callee) && everyItem(shape.args, isExpr);
    case "Binary":
      return (
        OPERATORS.has(shape.operator as string) &&
        isSpan(shape.operatorSpan) &&
        isExpr(shape.left) &&
        isExpr(shape.right)
      );
    case "Not":
      return isExpr(shape.operand);
    case "Fallback":
      return isExpr(shape.left) && isExpr(shape.right) && optional(shape.warn, isString);
    default:
      return isCompoundExpr(shape);
  }
}

/** Objects, comprehensions, `if` and `match` (language v2). */
function isCompoundExpr(shape: Shape): boolean {
  switch (shape.kind) {
    case "Object":
      return everyItem(shape.entries, (entry) => {
        const e = asShape(entry);
        return isNode(e, "Entry") && typeof e.key === "string" && isSpan(e.keySpan) && isExpr(e.value);
      });
    case "Comprehension":
      return isExpr(shape.item) && isName(shape.name) && isExpr(shape.source) && optional(shape.condition, isExpr);
    case "If":
      return isExpr(shape.condition) && isExpr(shape.then) && optional(shape.otherwise, isExpr);
    case "Match":
      return isExpr(shape.subject) && everyItem(shape.arms, isArm) && optional(shape.otherwise, isExpr);
    default:
      return false;
  }
}

function isArm(value: unknown): boolean {
  const shape = asShape(value);
  const pattern = asShape(shape?.pattern);
  const literal = ["String", "Number", "Boolean"].includes(pattern?.kind as string) && isExpr(pattern);
  return isNode(shape, "Arm") && literal && isExpr(shape.value);
}

function isSegment(value: unknown): boolean {
  const shape = asShape(value);
  if (shape === undefined || !isSpan(shape.span)) return false;
  if (shape.kind === "Field") return typeof shape.name === "string";
  return shape.kind === "Index" && typeof shape.index === "number";
}

function isName(value: unknown): value is Name {
  const shape = asShape(value);
  return isNode(shape, "Name") && typeof shape.text === "string";
}

function isString(value: unknown): value is StringLiteral {
  const shape = asShape(value);
  return isNode(shape, "String") && typeof shape.value === "string";
}

function isNode(shape: Shape | undefined, kind: string): shape is Shape & { span: Span } {
  return shape?.kind === kind && isSpan(shape.span);
}

function isSpan(value: unknown): value is Span {
  const shape = asShape(value);
  return (
    Number.isFinite(shape?.start) && Number.isFinite(shape?.end) && (shape!.start as number) <= (shape!.end as number)
  );
}

// A plain loop rather than `every`, which skips the holes of a sparse array.
function everyItem(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

function optional(value: unknown, check: (item: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function asShape(value: unknown): Shape | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Shape) : undefined;
}

function spanOf(value: unknown): Span | undefined {
  const span = asShape(value)?.span;
  return isSpan(span) ? span : undefined;
}
