// The generated build function: the prelude, then each send block in order; the first block whose `when` holds
// builds the request, and when none does the event is dropped.

import type { Expr, HeaderClause, OrderStatement, SendStatement, Statement } from "../../dsl/ast.js";
import type { PresetLayout, SendBlock } from "../check/blocks.js";
import { emitCondition, emitExpr, helper } from "./emit-expr.js";
import { bodyDeclaration, emitStatement, emitValue, putLines, ruleHeader, type RuleContext } from "./emit-rules.js";
import { emitUrl } from "./emit-url.js";
import { declareFromSettings, madeFromSettings } from "./settings-memo.js";
import { commentText, quote } from "./text.js";

export interface BuildInput {
  readonly layout: PresetLayout;
  /** `integration/preset`, for the drop reason. */
  readonly presetName: string;
  /** What the doc comment says the function maps, e.g. `"Signed Up"`. */
  readonly describedEvents: string;
}

/** The whole `build` function. */
export function emitBuild(input: BuildInput, ctx: RuleContext): string[] {
  const { prelude, blocks } = input.layout;
  const lines = [
    `/** Maps one ${input.describedEvents} event to its request. */`,
    "function build(event: NormalizedEvent, settings: Settings, clock: Clock): BuildResult {",
    "const warnings: string[] = [];",
  ];
  // Declared only when `order by` sets it; otherwise each request works out the default key where it is returned,
  // so an event that is dropped or refused first never pays for it.
  const preludeOrders = prelude.some(isOrder);
  const ordered = preludeOrders || blocks.some((block) => block.statements.some(isOrder));
  const orderKey = ordered ? ctx.allocate("orderKey") : undefined;
  if (orderKey !== undefined) lines.push(`let ${orderKey}: string | undefined;`, "");
  lines.push(...emitRules(prelude, ctx, orderKey));
  let open = true;
  blocks.forEach((block, index) => {
    if (!open) return;
    const ordersItself = preludeOrders || block.statements.some(isOrder);
    const body = emitBlock(block, index, ctx, orderKey, ordersItself ? orderKey : undefined);
    if (block.send.when === undefined) {
      lines.push(...(blocks.length > 1 ? ["{", ...body, "}"] : body));
      open = false;
    } else {
      const when = block.send.when;
      const line = ruleHeader({ span: { start: block.send.span.start, end: when.span.end } }, ctx);
      lines.push(line, `if (${emitCondition(when, ctx)}) {`, ...body, "}");
    }
  });
  if (open) {
    const reason = quote(`no request of ${input.presetName} applies to this event`);
    lines.push(`return { kind: "drop", reason: ${reason} };`);
  }
  return [...lines, "}"];
}

function isOrder(statement: Statement): boolean {
  return statement.kind === "Order";
}

/** `order by` not declared for a request: the person is the user id, else the anonymous id. */
function defaultOrderKey(ctx: RuleContext): string {
  const own = helper(ctx, "own");
  return `${helper(ctx, "keyText")}(${own}(event.raw, "userId") ?? ${own}(event.raw, "anonymousId"))`;
}

function emitRules(statements: readonly Statement[], ctx: RuleContext, orderKey: string | undefined): string[] {
  return statements.flatMap((statement) => {
    const lines = statement.kind === "Order" ? emitOrder(statement, ctx, orderKey!) : emitStatement(statement, ctx);
    return lines.length === 0 ? lines : [...lines, ""];
  });
}

function emitOrder(statement: OrderStatement, ctx: RuleContext, orderKey: string): string[] {
  const keyText = helper(ctx, "keyText");
  if (statement.value.kind !== "Fallback") {
    return [ruleHeader(statement, ctx), `${orderKey} = ${keyText}(${emitExpr(statement.value, ctx)});`];
  }
  const value = ctx.allocate("orderValue");
  return [
    ruleHeader(statement, ctx),
    ...emitValue(value, statement.value, ctx),
    `${orderKey} = ${helper(ctx, "keyText")}(${value});`,
  ];
}

/** One send block: its body, its rules, then the request, ordered by `requestOrder` (the default when undefined). */
function emitBlock(
  block: SendBlock,
  index: number,
  ctx: RuleContext,
  orderKey: string | undefined,
  requestOrder: string | undefined,
): string[] {
  return [
    bodyDeclaration(block.statements),
    "",
    ...emitRules(block.statements, ctx, orderKey),
    ...emitRequest(block.send, index, ctx, requestOrder),
  ];
}

/** The request: headers from the `header` clauses (a JSON content type added for a body), then the method and URL. */
function emitRequest(send: SendStatement, index: number, ctx: RuleContext, orderKey: string | undefined): string[] {
  const lines = [ruleHeader(send, ctx).replace(/^(\/\/ line \d+: ).*$/, `$1send ${send.method} ${urlText(send)}`)];
  lines.push("const headers: Record<string, string> = {};");
  for (const header of send.headers) lines.push(...emitHeader(header, ctx));
  const hasBody = send.method !== "GET" && send.method !== "DELETE";
  const setsContentType = send.headers.some((h) => h.name.value.toLowerCase() === "content-type");
  if (hasBody && !setsContentType) lines.push(`headers["Content-Type"] = "application/json";`);
  const url = emitUrl(send, ctx);
  lines.push(...url.lines);
  const request = `{ method: ${quote(send.method)}, url: ${url.name}, headers${hasBody ? ", body" : ""} }`;
  if (orderKey === undefined) lines.push("// order by event.userId ?? event.anonymousId (the default)");
  const code = orderKey ?? defaultOrderKey(ctx);
  const key = code === "orderKey" ? code : `orderKey: ${code}`;
  lines.push(`return { kind: "request", request: ${request}, warnings, send: ${index}, ${key} };`);
  return lines;
}

function urlText(send: SendStatement): string {
  return send.url.kind === "String" ? commentText(quote(send.url.value)) : "(computed URL)";
}

function emitHeader(header: HeaderClause, ctx: RuleContext): string[] {
  const value: Expr = header.value;
  const comment = ruleHeader(header, ctx);
  if (madeFromSettings([value], ctx)) {
    // A credential header (`"Bearer " + settings.api_key`) is made once per settings object, not once per event.
    const what = `The header ${commentText(quote(header.name.value))}`;
    const fn = declareFromSettings(ctx, "headerFromSettings", what, "string | undefined", [
      `return ${helper(ctx, "text")}(${emitExpr(value, ctx)});`,
    ]);
    return [comment, ...putLines([header.name.value], `${fn}(settings)`, ctx, "headers")];
  }
  if (value.kind !== "Fallback") {
    return [
      comment,
      ...putLines([header.name.value], `${helper(ctx, "text")}(${emitExpr(value, ctx)})`, ctx, "headers"),
    ];
  }
  const name = ctx.allocate("header");
  const put = putLines([header.name.value], `${helper(ctx, "text")}(${name})`, ctx, "headers");
  return [comment, ...emitValue(name, value, ctx), ...put];
}
