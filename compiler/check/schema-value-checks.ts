// Values against what a request schema says beyond types: a `format` a literal breaks, a field set inside a list body.

import type { Assignment, Expr, SendStatement } from "../../dsl/ast.js";
import { formatTest } from "../../runtime/formats.js";
import type { CheckContext } from "./context.js";
import type { SchemaNode } from "./event-schema.js";
import { variants } from "./schema-variants.js";
import type { CheckTable } from "./table.js";

const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  "date-time": `an RFC 3339 date-time such as "2026-03-01T12:00:00Z"`,
  uri: `an absolute URI such as "https://example.com/page"`,
  email: `an address such as "lead@example.com"`,
};

/**
 * A text literal the field's `format` (date-time, uri, email) refuses: the runtime body check would reject every
 * request. Reported only when every alternative of the field that takes text holds a format the literal breaks.
 */
export function checkFormat(value: Expr, field: SchemaNode, label: string, context: CheckContext): void {
  if (value.kind !== "String" || typeof value.value !== "string") return;
  const textual = variants(field).filter((node) => node.type === undefined || typeList(node.type).includes("string"));
  if (textual.length === 0) return;
  const broken = textual.map((node) => {
    const test = formatTest(node.format);
    return test !== undefined && !test(value.value) ? String(node.format) : undefined;
  });
  if (broken.some((format) => format === undefined)) return;
  const format = broken[0]!;
  context.reporter.report(
    "E453",
    value.span,
    `${JSON.stringify(value.value)} is not a valid ${format}, which ${label} requires ("format": "${format}")`,
    { hints: [`write ${FORMAT_EXAMPLES[format] ?? `a valid ${format}`}`] },
  );
}

function typeList(type: unknown): readonly unknown[] {
  return Array.isArray(type) ? type : [type];
}

/** A field target when the body is a list: there is no field to set, only items. */
export function reportArrayBodyField(assignment: Assignment, context: CheckContext): void {
  const first = assignment.target?.[0];
  context.reporter.report(
    "E452",
    first?.span ?? assignment.targetSpan,
    `the request body is a list (the schema's top level is "type": "array"), so it has no field ${JSON.stringify(first?.text ?? "")}`,
    { hints: ["set the whole body as a list of items: body <- [ { … } ]"] },
  );
}

/** A `$ref` in the send's request schema that names nothing: that part of the schema would check nothing. */
export function checkSchemaRefs(send: SendStatement, context: CheckContext): void {
  const schema = context.preset?.send === send ? context.preset.schema : undefined;
  const literal = send.bodySchema;
  if (schema === undefined || !schema.ok || literal === undefined) return;
  for (const { ref, at, loops } of schema.unresolved ?? []) {
    const problem = loops ? "loops back to itself without reaching a field" : "names nothing";
    context.reporter.report(
      "E451",
      literal.span,
      `request schema ${JSON.stringify(literal.value)} has a $ref that ${problem}: ${JSON.stringify(ref)} (at ${at})`,
      {
        hints: [
          loops
            ? "a schema may refer to itself only beneath properties or items"
            : 'a $ref is "#/$defs/Name", "#/definitions/Name" or "file.json#/…" beside the schema',
        ],
      },
    );
  }
}

export const SCHEMA_VALUE_CHECKS: CheckTable = {
  Send: [checkSchemaRefs],
};
