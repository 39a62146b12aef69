// The request a preset sends: an absolute http(s) URL, valid distinct headers, and a readable request schema.

import type { HeaderClause, SendStatement, Span } from "../../dsl/ast.js";
import { describeType, isTextLike, listOf, typeOf } from "./types.js";
import { envOf, type CheckContext } from "./context.js";
import { readsSecret } from "./path-checks.js";
import { quoted } from "./report.js";
import type { CheckTable } from "./table.js";
import { checkUrl } from "./url-checks.js";

export const SEND_CHECKS: CheckTable = {
  Send: [checkUrl, checkRequestSchema, checkHeadersDistinct],
  Header: [checkHeader],
};

// RFC 9110 token characters: anything else makes the HTTP client throw when the request is built.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkRequestSchema(send: SendStatement, context: CheckContext): void {
  const preset = context.preset;
  const index = preset?.layout.blocks.findIndex((block) => block.send === send) ?? -1;
  const schema = index >= 0 ? preset?.schemas[index] : undefined;
  const literal = send.bodySchema;
  if (schema === undefined || schema.ok || !literal) return;
  context.reporter.report("E208", literal.span, `request schema ${quoted(literal.value)} ${schema.problem}`, {
    hints: ["the path is relative to the folder of the .map file"],
  });
}

function checkHeadersDistinct(send: SendStatement, context: CheckContext): void {
  const seen = new Map<string, HeaderClause>();
  for (const header of listOf(send.headers)) {
    const name = header?.name?.value;
    if (typeof name !== "string") continue;
    const first = seen.get(name.toLowerCase());
    if (first === undefined) {
      seen.set(name.toLowerCase(), header);
      continue;
    }
    context.reporter.report("E405", header.name.span, `header ${quoted(name)} is set twice`, {
      labels: [{ span: first.name.span, message: "first set here" }],
      hints: ["header names are case-insensitive; keep one of them"],
    });
  }
}

function checkHeader(header: HeaderClause, context: CheckContext): void {
  const name = header.name?.value;
  if (typeof name !== "string") return;
  if (!HEADER_NAME.test(name)) {
    context.reporter.report("E410", header.name.span, `${quoted(name)} is not a valid header name`, {
      hints: [`a header name is letters, digits and - without spaces, e.g. "Content-Type"`],
    });
  }
  const broken = lineBreakLiteral(header.value);
  if (broken !== undefined) {
    context.reporter.report("E422", broken.span, `the value of header ${quoted(name)} holds a line break`, {
      hints: ["a header value is one line: remove the \\r or \\n (a line break would split the request)"],
    });
  }
  const preset = context.preset;
  if (preset === undefined) return;
  const type = typeOf(header.value, preset.env);
  if (header.value && !isTextLike(type) && type !== "omit") {
    context.reporter.report("E302", header.value.span, `a header value must be text; this is ${describeType(type)}`);
  }
  if (readsSecret(header.value, context.file) && !preset.secretHeaders.includes(name)) {
    preset.secretHeaders.push(name);
  }
}

/** The first string literal in a header value that holds CR or LF. */
function lineBreakLiteral(expr: unknown): { span: Span } | undefined {
  if (expr === null || typeof expr !== "object") return undefined;
  const node = expr as { kind?: string; value?: unknown; span?: Span };
  if (node.kind === "String" && typeof node.value === "string" && /[\r\n]/.test(node.value) && node.span) {
    return { span: node.span };
  }
  for (const child of Object.values(node)) {
    const items = Array.isArray(child) ? child : [child];
    for (const item of items) {
      const found = lineBreakLiteral(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
