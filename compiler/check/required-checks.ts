// Fields the request schema requires: never set is an error (E450); set only sometimes is a warning (W120).

import path from "node:path";
import type { Assignment, Expr, PresetDecl, Span, Statement } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import type { SchemaNode } from "./event-schema.js";
import { eventNameAlways, eventNamesTaken, namedEvents, onEventNames } from "./event-names.js";
import {
  absenceHint,
  absenceOf,
  allOf,
  describeAbsence,
  withoutProven,
  type Absence,
  type PresenceFacts,
} from "./presence.js";
import { quoted } from "./report.js";
import { BODY_TARGET, bodyItemSchema, requiredKeys, schemaAt } from "./request-schema.js";
import type { ResolvedNode } from "./schema-resolve.js";
import { conditionalsOf, joinVariants, variants } from "./schema-variants.js";
import { listOf } from "./types.js";
import type { CheckTable } from "./table.js";

export const REQUIRED_CHECKS: CheckTable = {
  PresetDecl: [checkPresetRequiredFields],
};

/** An assignment with what is known of its value's presence where it stands. */
interface SetRule {
  readonly assignment: Assignment;
  readonly names: readonly string[];
  readonly absence: Absence;
  /** How each value a `require` above the rule proved present could have been absent. */
  readonly proven: readonly Absence[];
}

// Each send block against its own schema, with the prelude's rules (with one send, the block holds every rule).
function checkPresetRequiredFields(_decl: PresetDecl, context: CheckContext): void {
  const preset = context.preset;
  if (preset === undefined) return;
  preset.layout.blocks.forEach((block, index) => {
    const loaded = preset.schemas[index];
    const literal = block.send.bodySchema;
    if (loaded === undefined || !loaded.ok || literal === undefined) return;
    const statements = [...preset.layout.prelude, ...block.statements];
    checkRequiredFields(statements, loaded.schema, { span: literal.span, file: loaded.path }, context);
  });
}

/**
 * Checks the rules of one send block against its request schema. `where` locates the schema: its `body matches`
 * literal (for E450) and its file (named in messages).
 */
export function checkRequiredFields(
  statements: readonly Statement[],
  schema: SchemaNode,
  where: { readonly span: Span; readonly file: string },
  context: CheckContext,
): void {
  if (bodyItemSchema(schema) !== undefined) return; // a list body is set whole
  const rules = setRules(statements, context);
  const objects = new Map<string, readonly string[]>([["", []]]);
  for (const rule of rules) {
    for (let length = 1; length < rule.names.length; length++) {
      objects.set(rule.names.slice(0, length).join("."), rule.names.slice(0, length));
    }
  }
  for (const object of objects.values()) {
    for (const [key, condition] of requiredAt(schema, object, rules)) {
      checkOneRequired([...object, key], condition, rules, where, context);
    }
  }
}

function setRules(statements: readonly Statement[], context: CheckContext): SetRule[] {
  const proven: Expr[] = [];
  const facts: PresenceFacts = {
    proven,
    letValue: (name) => context.preset?.env.letValue?.(name),
    setting: (name) => context.file.settings?.get(name),
    eventNameAlways: eventNameAlways(context),
    eventNames: eventNamesTaken(context),
  };
  const rules: SetRule[] = [];
  const provenWays: Absence[] = [];
  for (const statement of statements) {
    // A `require … when` proves its value present only for some events: it proves nothing for the others.
    if (statement?.kind === "Require" && statement.when === undefined && statement.value !== undefined) {
      provenWays.push(absenceOf(statement.value, facts));
      proven.push(statement.value);
    }
    if (statement?.kind !== "Assign" || statement.value?.kind === "Omit") continue;
    const names = listOf(statement.target).map((name) => name?.text);
    if (names.length === 0 || !names.every((name) => typeof name === "string")) continue;
    // `body <- …` sets the whole body: it is the parent of every field, so it may hold any of them.
    const target = names.length === 1 && names[0] === BODY_TARGET ? [] : names;
    const absence = withoutProven(absenceOf(statement.value, facts), provenWays);
    rules.push({ assignment: statement, names: target, absence, proven: [...provenWays] });
  }
  return rules;
}

/**
 * Keys required at `object`, each with undefined when `required` lists it always, or the condition under which the
 * `then` of an `if` the rules' literals satisfy requires it (Salesloft: email_address when upsert_key is
 * "email_address").
 */
function requiredAt(
  schema: SchemaNode,
  object: readonly string[],
  rules: readonly SetRule[],
): Map<string, string | undefined> {
  const nodes = schemaAt(schema, object);
  const keys = new Map<string, string | undefined>();
  if (nodes.length === 0) return keys;
  for (const key of requiredKeys(joinVariants(nodes as readonly ResolvedNode[]))) keys.set(key, undefined);
  if (nodes.length !== 1) return keys;
  for (const conditional of variants(nodes[0]).flatMap(conditionalsOf)) {
    const condition = conditionHolds(conditional.if, object, rules);
    if (condition === undefined) continue;
    for (const key of requiredKeys((conditional.then ?? {}) as SchemaNode))
      if (!keys.has(key)) keys.set(key, condition);
  }
  return keys;
}

// `if: { properties: { K: { const: V } } }` holds when a rule always sets K to the literal V; described as
// `when K is V`, or undefined when it does not hold.
function conditionHolds(condition: unknown, object: readonly string[], rules: readonly SetRule[]): string | undefined {
  const properties = (condition as { properties?: Record<string, { const?: unknown }> } | undefined)?.properties;
  if (properties === null || typeof properties !== "object") return undefined;
  const entries = Object.entries(properties);
  const holds =
    entries.length > 0 &&
    entries.every(([key, test]) => {
      const target = [...object, key].join(".");
      return rules.some(
        (rule) =>
          rule.names.join(".") === target &&
          rule.assignment.when === undefined &&
          literalOf(rule.assignment.value) === test?.const &&
          test?.const !== undefined,
      );
    });
  if (!holds) return undefined;
  const described = entries.map(([key, test]) => `${[...object, key].join(".")} is ${JSON.stringify(test?.const)}`);
  return `when ${described.join(" and ")}`;
}

function literalOf(value: Expr | undefined): unknown {
  return value?.kind === "String" || value?.kind === "Number" || value?.kind === "Boolean" ? value.value : undefined;
}

// A conditional requirement is an error when never set, but not a warning when set from event data: that `then`
// already depends on the rules' own literals, and a warning there would fire on every Salesloft-like preset that
// checks the value with `require` in another shape (lower(trim(x))).
function checkOneRequired(
  field: readonly string[],
  condition: string | undefined,
  rules: readonly SetRule[],
  where: { readonly span: Span; readonly file: string },
  context: CheckContext,
): void {
  const name = field.join(".");
  const within = (rule: SetRule) => field.every((key, i) => i >= rule.names.length || rule.names[i] === key);
  const setting = rules.filter((rule) => within(rule));
  // A rule that sets a parent whole (`contact <- …`) may hold the field: nothing is certain, nothing is said.
  if (setting.some((rule) => rule.names.length < field.length)) return;
  const schemaName = path.basename(where.file);
  const parent =
    (field.length > 1 ? `in ${field.slice(0, -1).join(".")}` : "at the top level") +
    (condition === undefined ? "" : ` ${condition}`);
  if (setting.length === 0) {
    context.reporter.report("E450", where.span, `${name} is required by ${schemaName} but no rule sets it`, {
      hints: [
        `add a rule such as ${name} <- …; the schema lists ${quoted(field[field.length - 1])} as required ${parent}`,
      ],
    });
    return;
  }
  if (condition !== undefined) return;
  // Set only through its fields: the object is left out only when every one of them is.
  if (setting.every((rule) => rule.names.length > field.length))
    warnIfFieldsMaybeMissing(name, setting, schemaName, context);
  else warnIfMaybeMissing(name, setting, schemaName, context);
}

/** W120 for an object set field by field, naming the events that lack all of its fields. */
function warnIfFieldsMaybeMissing(
  name: string,
  setting: readonly SetRule[],
  schemaName: string,
  context: CheckContext,
): void {
  const always: Absence = [[]];
  const ways = setting.map((rule) => (rule.assignment.when === undefined ? rule.absence : always));
  const absence = withoutProven(ways.reduce(allOf, always), setting[0].proven);
  if (absence.length === 0) return;
  reportMaybeMissing(name, setting[0], schemaName, describeAbsence(absence), absenceHint(absence), context);
}

/** W120 unless some rule without `when` sets a present value, or the rules' `when`s cover every event. */
function warnIfMaybeMissing(
  name: string,
  setting: readonly SetRule[],
  schemaName: string,
  context: CheckContext,
): void {
  if (setting.some((rule) => rule.assignment.when === undefined && rule.absence.length === 0)) return;
  const first = setting.find((rule) => rule.absence.length > 0) ?? setting[0];
  const when = setting.every((rule) => rule.assignment.when !== undefined);
  const left = when ? eventsLeftOut(setting, context) : [];
  // Rules whose `when`s together select every event the preset receives, each with a present value, cover it.
  if (left?.length === 0 && setting.every((rule) => rule.absence.length === 0)) return;
  const who =
    left !== undefined && left.length > 0
      ? `${left.map(quoted).join(", ")} events`
      : setting.some((rule) => rule.absence.length > 0)
        ? describeAbsence(setting.flatMap((rule) => rule.absence))
        : `events for which no "when" of its rules holds`;
  const hint =
    when && left?.length !== 0
      ? `give ${name} a value for the other events too, e.g. a second rule with another "when"`
      : absenceHint(setting.flatMap((rule) => rule.absence));
  reportMaybeMissing(name, first, schemaName, who, hint, context);
}

function reportMaybeMissing(
  name: string,
  first: SetRule,
  schemaName: string,
  who: string,
  hint: string,
  context: CheckContext,
): void {
  context.reporter.report(
    "W120",
    first.assignment.targetSpan,
    `${name} is required by ${schemaName} but may be left out: ${who} will be rejected by the schema`,
    { hints: [hint] },
  );
}

// The events no rule's `when` selects, when every `when` names events (`event == "X" or event == "Y"`); undefined
// when some `when` depends on more than the event name.
function eventsLeftOut(rules: readonly SetRule[], context: CheckContext): string[] | undefined {
  const selected = rules.map((rule) => namedEvents(rule.assignment.when));
  const handled = onEventNames(context);
  if (selected.some((names) => names === undefined) || handled.length === 0) return undefined;
  return handled.filter((name) => !selected.some((names) => names!.includes(name)));
}
