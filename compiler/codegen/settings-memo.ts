// Values that read only the settings (a URL with `{settings.pixel_id}` and an `access_token` query, an
// `Authorization: "Bearer " + settings.api_key` header) are made once per settings object instead of once per event:
// the generated module wraps their code in the runtime's `perSettings`. The transform passes build() the checked
// settings, one frozen object per settings object given, so a value made from it once stays right for every event.

import type { Expr } from "../../dsl/ast.js";
import { helper, type ExprContext } from "./emit-expr.js";
import { LITERALS } from "./module-functions.js";

/**
 * True when the expression's value depends on the settings alone: settings paths, literals, and standard-library
 * calls, operators, `if` and `match` over them. Event paths, `let`s, `now()`, comprehensions and `??` (which may
 * record a warning on the event) are not.
 */
function readsSettingsOnly(expr: Expr, ctx: Pick<ExprContext, "locals">): boolean {
  if (LITERALS.has(expr.kind)) return true;
  switch (expr.kind) {
    case "Path":
      return expr.root.text === "settings" && !ctx.locals.has("settings");
    case "Call":
      return expr.callee.text !== "now" && expr.args.every((arg) => readsSettingsOnly(arg, ctx));
    case "Not":
      return readsSettingsOnly(expr.operand, ctx);
    case "Binary":
      return readsSettingsOnly(expr.left, ctx) && readsSettingsOnly(expr.right, ctx);
    case "List":
      return expr.items.every((item) => readsSettingsOnly(item, ctx));
    case "Object":
      return expr.entries.every((entry) => readsSettingsOnly(entry.value, ctx));
    case "If":
      return [expr.condition, expr.then, expr.otherwise].every((e) => e === undefined || readsSettingsOnly(e, ctx));
    case "Match":
      return [expr.subject, ...expr.arms.map((arm) => arm.value), expr.otherwise].every(
        (e) => e === undefined || readsSettingsOnly(e, ctx),
      );
    default:
      return false;
  }
}

/** True when every value is made from the settings alone and one of them reads a setting: worth making once. */
export function madeFromSettings(exprs: readonly Expr[], ctx: Pick<ExprContext, "locals">): boolean {
  return exprs.every((expr) => readsSettingsOnly(expr, ctx)) && exprs.some(readsASetting);
}

function readsASetting(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  const { kind, root } = node as { kind?: unknown; root?: { text?: unknown } };
  if (kind === "Path" && root?.text === "settings") return true;
  return Object.values(node).some(readsASetting);
}

/**
 * Declares `const NAME = perSettings(function (settings: Settings): RETURNS { BODY })` beside build() and gives its
 * name; `what` is what its doc comment says it makes (already safe for a comment).
 */
export function declareFromSettings(
  ctx: ExprContext,
  preferred: string,
  what: string,
  returns: string,
  body: string[],
) {
  return ctx.declared.declare(preferred, (name) => [
    `/** ${what}, from the settings alone: made once per settings object. */`,
    `const ${name} = ${helper(ctx, "perSettings")}(function (settings: Settings): ${returns} {`,
    ...body,
    "});",
  ]);
}
