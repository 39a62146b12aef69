// The request URL in generated code: the template's literal text with each slot percent-encoded as one path
// segment (an absent slot is a missing_required error naming it), then the `query` clauses, each encoded. A URL made
// from the settings alone is made once per settings object (settings-memo.ts).

import type { SendStatement } from "../../dsl/ast.js";
import { parseUrlTemplate } from "../../dsl/url-template.js";
import { emitExpr, helper } from "./emit-expr.js";
import { ruleHeader, type RuleContext } from "./emit-rules.js";
import { declareFromSettings, madeFromSettings } from "./settings-memo.js";
import { commentText, quote } from "./text.js";

export interface EmittedUrl {
  /** The TypeScript expression or local holding the URL. */
  readonly name: string;
  readonly lines: readonly string[];
}

/** Only a literal template reaches code generation: the checker refuses any other URL (E407, E421). */
export function emitUrl(send: SendStatement, ctx: RuleContext): EmittedUrl {
  const slots = send.slots ?? [];
  const queries = send.queries ?? [];
  if (!madeFromSettings([...slots.map((slot) => slot.path), ...queries.map((q) => q.value)], ctx)) {
    return urlLines(send, ctx, ctx.allocate, true);
  }
  // Inside its own function, the URL's locals cannot clash with build()'s: they are numbered there. Without the
  // line comments of its queries, two blocks sending to the same URL share one function.
  let next = 0;
  const made = urlLines(send, ctx, (preferred) => (preferred === "url" ? "made" : `slot${next++}`), false);
  const what = `The URL of ${commentText(quote(urlTemplate(send)))}${queries.length > 0 ? " with its query" : ""}`;
  const fn = declareFromSettings(ctx, "urlFromSettings", what, "string | BuildResult", [
    ...made.lines,
    `return ${made.name};`,
  ]);
  const url = ctx.allocate("url");
  return { name: url, lines: [`const ${url} = ${fn}(settings);`, `if (typeof ${url} !== "string") return ${url};`] };
}

function urlLines(
  send: SendStatement,
  ctx: RuleContext,
  allocate: (preferred: string) => string,
  comments: boolean,
): EmittedUrl {
  const parsed = parseUrlTemplate(urlTemplate(send));
  const slots = send.slots ?? [];
  const lines: string[] = [];
  const pieces: string[] = [];
  let index = 0;
  for (const part of parsed.parts) {
    if (part.kind === "text") {
      pieces.push(quote(part.text));
      continue;
    }
    const slot = slots[index++];
    const name = allocate(`${part.path.split(".").pop()}Segment`);
    const message = `the URL slot {${part.path}} has no value: ${slotSource(part.path, ctx)} is absent or not text`;
    const dots = `the URL slot {${part.path}} is "." or "..", which would change the request's path`;
    lines.push(
      `const ${name} = ${helper(ctx, "segment")}(${slot ? emitExpr(slot.path, ctx) : "undefined"});`,
      `if (${name} === undefined) {`,
      `return { kind: "error", code: "missing_required", message: ${quote(message)} };`,
      "}",
      `if (${name} === null) {`,
      `return { kind: "error", code: "invalid_request", message: ${quote(dots)} };`,
      "}",
    );
    pieces.push(name);
  }
  const base = pieces.length === 0 ? quote("") : pieces.join(" + ");
  const queries = send.queries ?? [];
  if (queries.length === 0) return { name: base, lines };
  const url = allocate("url");
  const params = queries.map((q) => `[${quote(q.name.value)}, ${emitExpr(q.value, ctx)}]`);
  if (comments) lines.push(...queries.map((q) => ruleHeader(q, ctx)));
  lines.push(`const ${url} = ${helper(ctx, "withQuery")}(${base}, [${params.join(", ")}]);`);
  return { name: url, lines };
}

function urlTemplate(send: SendStatement): string {
  return send.url.kind === "String" ? send.url.value : "";
}

/** Where a slot's value comes from, for its error message: the path itself, or the let it names. */
function slotSource(path: string, ctx: RuleContext): string {
  return ctx.locals.has(path) ? `let ${path}` : path;
}
