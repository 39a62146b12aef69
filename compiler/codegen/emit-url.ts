// The request URL in generated code: a literal as is; an expression (version 1) checked for absence.

import type { SendStatement } from "../../dsl/ast.js";
import { helper } from "./emit-expr.js";
import { emitValue, type RuleContext } from "./emit-rules.js";
import { quote } from "./text.js";

export interface EmittedUrl {
  /** The TypeScript expression or local holding the URL. */
  readonly name: string;
  readonly lines: readonly string[];
}

export function emitUrl(send: SendStatement, ctx: RuleContext): EmittedUrl {
  if (send.url.kind === "String") return { name: quote(send.url.value), lines: [] };
  const name = ctx.allocate("url");
  const value = ctx.allocate("urlValue");
  return {
    name,
    lines: [
      ...emitValue(value, send.url, ctx),
      `const ${name} = ${helper(ctx, "text")}(${value});`,
      `if (${name} === undefined) {`,
      `return { kind: "error", code: "missing_required", message: "the request URL is absent" };`,
      "}",
    ],
  };
}
