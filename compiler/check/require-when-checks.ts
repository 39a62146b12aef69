// `require … else "…" when COND`: the condition follows the rules of `when` (a boolean, E303; no secret, E408 through
// the walker's site); what it may never read is checked like any other condition.

import type { RequireStatement } from "../../dsl/ast.js";
import { describeType, typeOf } from "./types.js";
import { envOf, type CheckContext } from "./context.js";
import type { CheckTable } from "./table.js";

export const REQUIRE_WHEN_CHECKS: CheckTable = {
  Require: [checkRequireCondition],
};

function checkRequireCondition(statement: RequireStatement, context: CheckContext): void {
  const condition = statement.when;
  if (condition === undefined) return;
  const type = typeOf(condition, envOf(context));
  if (type === "boolean" || type === "any") return;
  context.reporter.report(
    "E303",
    condition.span,
    `a "require … when" condition must be a boolean; this is ${describeType(type)}`,
    { hints: ['compare the value (x == "yes") or test it with is_present(x)'] },
  );
}
