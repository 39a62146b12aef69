// Settings limited to values (`one of`) and their defaults: the list and the default fit the setting (E426, E427,
// W123), a comparison or a match arm names only values the setting takes (E428), and its values fit an enum field
// they are sent to (E429).

import type { BinaryExpr, Expr, MatchExpr, SettingDecl, SettingLiteral } from "../../dsl/ast.js";
import { isoRegion } from "../../runtime/region.js";
import type { SchemaNode } from "./event-schema.js";
import { envOf, type CheckContext } from "./context.js";
import { didYouMean, quoted, spanning } from "./report.js";
import { allowedValues } from "./request-schema.js";
import { listOf, settingValueType } from "./types.js";
import type { CheckTable } from "./table.js";

export const SETTING_VALUE_CHECKS: CheckTable = {
  SettingDecl: [checkValueList, checkDefault],
  Binary: [checkComparedValues],
  Match: [checkMatchArms],
};

type Value = SettingLiteral["value"];

const show = (value: Value): string => JSON.stringify(value);
const showAll = (values: readonly Value[]): string => [...new Set(values)].map(show).join(", ");

/** Why a written value cannot be one the setting takes, or undefined when it can. */
function unfit(setting: SettingDecl, literal: SettingLiteral): string | undefined {
  const expected = settingValueType(setting.type);
  if (typeof literal.value !== expected) return `is not ${expected === "number" ? "a number" : `a ${expected}`}`;
  if (typeof literal.value === "string" && literal.value.trim() === "") return "is blank, which reads as not given";
  if (setting.type === "region" && isoRegion(literal.value) !== literal.value) {
    return "is not an ISO 3166-1 alpha-2 region code in capitals";
  }
  return undefined;
}

function checkValueList(setting: SettingDecl, context: CheckContext): void {
  const values = setting.values;
  if (values === undefined || values.length === 0) return;
  const name = quoted(setting.name.text);
  const span = spanning(values[0].span, values[values.length - 1].span);
  if (setting.type === "boolean" || setting.type === "secret") {
    const why =
      setting.type === "boolean"
        ? `a boolean setting takes only true or false, so "one of" cannot limit ${name}`
        : `a secret setting cannot be limited to values: they would be written in the .map file`;
    const hint =
      setting.type === "boolean" ? "remove the one of list" : "declare it as a string if its values are not secret";
    context.reporter.report("E426", span, why, { hints: [hint] });
    return;
  }
  const seen = new Set<Value>();
  for (const literal of values) {
    const twice = seen.has(literal.value);
    const problem = twice ? "is listed twice" : unfit(setting, literal);
    seen.add(literal.value);
    if (problem === undefined) continue;
    context.reporter.report("E426", literal.span, `${show(literal.value)} ${problem} (one of the values of ${name})`, {
      hints: [twice ? "list each value once" : fitHint(setting, literal)],
    });
  }
}

function fitHint(setting: SettingDecl, literal: SettingLiteral): string {
  if (setting.type === "region") return 'write a region code such as "GB" (the UK is "GB")';
  if (setting.type === "number") return "write numbers without quotes";
  return typeof literal.value === "string"
    ? "write each value once, as non-blank text"
    : `write it as text: "${literal.value}"`;
}

function checkDefault(setting: SettingDecl, context: CheckContext): void {
  const fallback = setting.default;
  if (fallback === undefined) return;
  const name = quoted(setting.name.text);
  if (setting.type === "secret") {
    context.reporter.report(
      "E427",
      fallback.span,
      `a secret setting cannot have a default: ${name} would be written in the .map file`,
      {
        hints: ["give the secret in the settings or the environment instead"],
      },
    );
    return;
  }
  const problem = unfit(setting, fallback);
  const allowed = setting.values?.map((literal) => literal.value);
  if (problem !== undefined) {
    context.reporter.report("E427", fallback.span, `the default ${show(fallback.value)} of ${name} ${problem}`, {
      hints: [fitHint(setting, fallback)],
    });
  } else if (allowed !== undefined && !allowed.includes(fallback.value)) {
    context.reporter.report(
      "E427",
      fallback.span,
      `the default ${show(fallback.value)} of ${name} is not one of its values`,
      {
        hints: [suggestion(fallback.value, allowed), `allowed: ${showAll(allowed)}`],
      },
    );
  }
  if (setting.required) {
    context.reporter.report("W123", fallback.span, `${name} is required and has a default, so it is never missing`, {
      hints: ['remove "required" (the default already makes it always present), or remove the default'],
    });
  }
}

function suggestion(value: Value, allowed: readonly Value[]): string | undefined {
  if (typeof value !== "string") return undefined;
  return didYouMean(
    value,
    allowed.filter((option): option is string => typeof option === "string"),
  );
}

/**
 * The setting with `one of` an expression reads: `settings.x` itself, or a `let` bound to it (through more lets).
 * Undefined for anything else, since a function of the setting may give any value.
 */
export function limitedSetting(expr: Expr | undefined, context: CheckContext, depth = 0): SettingDecl | undefined {
  if (expr?.kind !== "Path" || depth > 16) return undefined;
  const segments = listOf(expr.segments);
  const root = expr.root?.text;
  if (root === "settings") {
    const first = segments[0];
    if (segments.length !== 1 || first?.kind !== "Field") return undefined;
    const setting = context.file.settings?.get(first.name);
    return setting?.values !== undefined && setting.values.length > 0 ? setting : undefined;
  }
  if (segments.length > 0 || typeof root !== "string" || context.site.loops?.has(root)) return undefined;
  return limitedSetting(envOf(context).letValue?.(root), context, depth + 1);
}

/** `settings.region == "UK"`, `!=` either way round, and `settings.region in ["US", "UK"]`. */
function checkComparedValues(binary: BinaryExpr, context: CheckContext): void {
  if (binary.operator === "in") {
    const setting = limitedSetting(binary.left, context);
    if (setting === undefined || binary.right?.kind !== "List") return;
    for (const item of listOf(binary.right.items)) reportIfNever(setting, item, "this item never matches", context);
    return;
  }
  if (binary.operator !== "==" && binary.operator !== "!=") return;
  const left = limitedSetting(binary.left, context);
  const setting = left ?? limitedSetting(binary.right, context);
  const other = left !== undefined ? binary.right : binary.left;
  const outcome = binary.operator === "==" ? "this comparison never holds" : "this comparison always holds";
  if (setting !== undefined) reportIfNever(setting, other, outcome, context);
}

function checkMatchArms(match: MatchExpr, context: CheckContext): void {
  const setting = limitedSetting(match.subject, context);
  if (setting === undefined) return;
  for (const arm of listOf(match.arms)) reportIfNever(setting, arm?.pattern, "this arm never matches", context);
}

function reportIfNever(setting: SettingDecl, expr: Expr | undefined, outcome: string, context: CheckContext): void {
  if (expr?.kind !== "String" && expr?.kind !== "Number" && expr?.kind !== "Boolean") return;
  const allowed = listOf(setting.values).map((literal) => literal.value);
  if (allowed.includes(expr.value)) return;
  const name = `settings.${setting.name.text}`;
  context.reporter.report("E428", expr.span, `${name} is never ${show(expr.value)}, so ${outcome}`, {
    hints: [suggestion(expr.value, allowed), `${name} is one of ${showAll(allowed)}`],
  });
}

/**
 * A setting limited to values sent into a field with an `enum`: every value it may take must be allowed there, or
 * some configurations would build requests the API refuses. Called by the assignment checks for each value they fit.
 */
export function checkSettingValuesFit(value: Expr, field: SchemaNode, label: string, context: CheckContext): void {
  const setting = limitedSetting(value, context);
  const allowed = allowedValues(field);
  if (setting === undefined || allowed === undefined) return;
  const outside = listOf(setting.values).filter((literal) => !allowed.includes(literal.value));
  if (outside.length === 0) return;
  const name = `settings.${setting.name.text}`;
  const values = showAll(outside.map((literal) => literal.value));
  context.reporter.report("E429", value.span, `${name} may be ${values}, which ${label} does not allow`, {
    labels: outside.map((literal) => ({ span: literal.span, message: "allowed by the setting here" })),
    hints: [`${label} allows ${allowed.map((option) => JSON.stringify(option)).join(", ")}`],
  });
}
