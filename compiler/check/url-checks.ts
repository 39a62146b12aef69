// The URL of a `send`: a literal template whose scheme, host and port are written out (E407), with slots only in the
// path (E420 after `?`), never built by concatenation (E421, with the template to write instead).

import type { Expr, SendStatement, Span } from "../../dsl/ast.js";
import { fillTemplate, parseUrlTemplate, type TemplatePart } from "../../dsl/url-template.js";
import type { CheckContext } from "./context.js";
import { quoted } from "./report.js";

export function checkUrl(send: SendStatement, context: CheckContext): void {
  const url = send.url;
  if (!url) return;
  if (url.kind === "String") return checkTemplate(url.value, url.span, send, context);
  if (url.kind === "Binary" && url.operator === "+") {
    const template = templateOf(url);
    context.reporter.report("E421", url.span, "a URL is a template, not text joined with +", {
      hints: [
        template === undefined
          ? 'write the URL as one string with {slots} in its path, e.g. "https://api.example.com/v1/people/{traits.id}"'
          : `write it as a template: ${template}`,
        "a slot's value is percent-encoded as one path segment, so no event value can change where the request goes",
      ],
    });
    return;
  }
  context.reporter.report("E407", url.span, "the URL must be a string literal", {
    hints: [
      'write the whole URL, with {slots} in its path for values, e.g. "https://api.example.com/v1/{event.userId}"',
    ],
  });
}

function checkTemplate(value: string, span: Span, send: SendStatement, context: CheckContext): void {
  const parsed = parseUrlTemplate(value);
  if (parsed.problems.length > 0) return; // reported by the parser
  const literal = fillTemplate(parsed.parts, "x");
  if (!isAbsoluteHttpUrl(literal)) {
    context.reporter.report("E407", span, `${quoted(value)} is not an absolute http(s) URL`, {
      hints: [`write the whole URL, e.g. "https://api.example.com/v2/things"`],
    });
    return;
  }
  const slots = send.slots ?? [];
  let before = "";
  let index = 0;
  for (const part of parsed.parts) {
    if (part.kind === "text") {
      before += part.text;
      continue;
    }
    const slotSpan = slots[index++]?.span ?? span;
    if (!AUTHORITY_CLOSED.test(before)) {
      context.reporter.report("E407", slotSpan, `the slot {${part.path}} is in the scheme, host or port`, {
        hints: ["write the scheme, host and port out: they decide where the request goes; slots belong in the path"],
      });
    } else if (/[?#]/.test(before)) {
      context.reporter.report("E420", slotSpan, `the slot {${part.path}} is after the "?"`, {
        hints: [`use a query clause instead: query "name" <- ${part.path}`],
      });
    }
    before += "x";
  }
}

/** `scheme://authority` followed by the start of the path, query or fragment: the origin is fully written. */
const AUTHORITY_CLOSED = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*[/?#]/;

function isAbsoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The template a `+` chain of literals and paths spells, e.g. `"https://x/" + traits.id` → `"https://x/{traits.id}"`. */
function templateOf(expr: Expr): string | undefined {
  const pieces: string[] = [];
  const visit = (e: Expr): boolean => {
    if (e.kind === "Binary" && e.operator === "+") return visit(e.left) && visit(e.right);
    if (e.kind === "String") return pieces.push(e.value.replace(/\{/g, "{{").replace(/\}/g, "}}")) > 0;
    if (e.kind === "Path" && e.segments.every((s) => s.kind === "Field" && !s.quoted)) {
      return (
        pieces.push(`{${[e.root.text, ...e.segments.map((s) => (s.kind === "Field" ? s.name : ""))].join(".")}}`) > 0
      );
    }
    return false;
  };
  return visit(expr) ? JSON.stringify(pieces.join("")) : undefined;
}
