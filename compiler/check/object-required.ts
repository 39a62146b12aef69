// Required properties of objects built in one expression (object literals, merge of them, list items): a key the
// schema requires that the object never writes is E450; one written from a value that may be absent is W120.

import type { CallExpr, Expr, ObjectEntry, ObjectLiteral, Statement } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import type { SchemaNode } from "./event-schema.js";
import { eventNamesTaken } from "./event-names.js";
import { absenceHint, absenceOf, describeAbsence, type PresenceFacts } from "./presence.js";
import { requiredKeys } from "./request-schema.js";
import { fieldOfObject, isKnownObject, listOf } from "./types.js";
import { envOf } from "./context.js";

/** `data[].user_data`: where a value sits in the body, as the messages of E450/W120 name it. */
export function fieldPathOf(label: string, context: CheckContext): string {
  return context.site.fieldPath ?? (label === "the request body" ? "" : label);
}

/** The context for a value one step deeper: a key of an object, or (key undefined) an item of a list. */
export function deeper(context: CheckContext, label: string, key: string | undefined): CheckContext {
  const parent = fieldPathOf(label, context);
  const fieldPath = key === undefined ? `${parent}[]` : parent === "" ? key : `${parent}.${key}`;
  return { ...context, site: { ...context.site, fieldPath } };
}

/** Checks the keys `field` requires against what an object literal or a merge of known objects writes. */
export function checkObjectRequired(
  object: ObjectLiteral | CallExpr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
): void {
  const env = envOf(context);
  if (object.kind === "Call" && !isKnownObject(object, env)) return; // an open object may hold any key
  const at = fieldPathOf(label, context);
  const where =
    object.kind === "Object"
      ? { start: object.span?.start ?? 0, end: (object.span?.start ?? 0) + 1 }
      : object.callee?.span;
  for (const key of requiredKeys(field)) {
    const name = at === "" ? key : `${at}.${key}`;
    const value = fieldOfObject(object, key, env, 0);
    if (value === undefined) {
      context.reporter.report(
        "E450",
        where,
        `${name} is required by the request schema, but this object does not set it`,
        {
          hints: [`add ${/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key)}: … to the object`],
        },
      );
      continue;
    }
    warnIfMaybeAbsent(name, value, entrySpanOf(object, key, context) ?? where, context);
  }
}

function warnIfMaybeAbsent(
  name: string,
  value: Expr,
  span: ObjectEntry["keySpan"] | undefined,
  context: CheckContext,
): void {
  const absence = absenceOf(value, presenceFacts(context));
  if (absence.length === 0) return;
  context.reporter.report(
    "W120",
    span,
    `${name} is required by the request schema but may be left out: ${describeAbsence(absence)} will be rejected by the schema`,
    { hints: [absenceHint(absence)] },
  );
}

// Every `require` of the preset counts as proven: the object may be a `let` shared by blocks, and a warning is given
// only when the checker is sure a value can be missing.
function presenceFacts(context: CheckContext): PresenceFacts {
  const proven = listOf(context.preset?.decl?.statements as readonly Statement[] | undefined).flatMap((statement) =>
    statement?.kind === "Require" && statement.value !== undefined ? [statement.value] : [],
  );
  return {
    proven,
    letValue: (name) => context.preset?.env.letValue?.(name),
    setting: (name) => context.file.settings?.get(name),
    loopSource: (name) => context.site.loops?.get(name),
    eventNames: eventNamesTaken(context),
  };
}

/** The key of the entry that gives `key` (a literal directly, or the literal argument of a merge that wins). */
function entrySpanOf(
  object: ObjectLiteral | CallExpr,
  key: string,
  context: CheckContext,
): ObjectEntry["keySpan"] | undefined {
  const env = envOf(context);
  const objects: Expr[] = [object];
  for (let depth = 0; depth < 32 && objects.length > 0; depth++) {
    const node = objects.pop()!;
    if (node.kind === "Object") return listOf(node.entries).find((entry) => entry?.key === key)?.keySpan;
    if (node.kind === "Path" && listOf(node.segments).length === 0) {
      const bound = env.letValue?.(node.root?.text ?? "");
      if (bound !== undefined) objects.push(bound);
    }
    if (node.kind === "Call") {
      const owner = [...listOf(node.args)].reverse().find((arg) => fieldOfObject(arg, key, env, 0) !== undefined);
      if (owner !== undefined) objects.push(owner);
    }
  }
  return undefined;
}
