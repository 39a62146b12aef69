// Whether a rule's value is always present, and if not, which missing event values leave it absent.

import type { Expr, IfExpr, MatchExpr, PathExpr, SettingDecl } from "../../dsl/ast.js";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";
import { isEventName, namedEvents } from "./event-names.js";
import { sameStructure } from "./structural.js";
import { listOf } from "./types.js";

/**
 * The ways a value can be absent: each way is the reads that, missing together, leave it absent (`traits.a ?? traits.b`
 * is one way of two reads; `traits.a + traits.b` two ways of one). `[]` means always present; `[[]]` always absent.
 */
export type Absence = readonly (readonly string[])[];

export const PRESENT: Absence = [];
const ABSENT: Absence = [[]];
const MAX_WAYS = 8;

export interface PresenceFacts {
  /** Expressions a `require` before this point proved present. */
  readonly proven: readonly Expr[];
  readonly letValue: (name: string) => Expr | undefined;
  readonly setting: (name: string) => SettingDecl | undefined;
  /** The list a comprehension's loop name walks, where the expression sits inside one. */
  readonly loopSource?: (name: string) => Expr | undefined;
  /**
   * False when the preset takes calls that may have no name (`on *`, `track`, `page`, …), so that bare `event` may be
   * absent; left out (present) where only event names and `identify` ("Identified") are taken.
   */
  readonly eventNameAlways?: boolean;
  /** Every name bare `event` can hold, when `on` lists them all: a `match event` with an arm for each always fits. */
  readonly eventNames?: readonly string[];
}

/** How `expr` can be absent. Constructs this analysis does not know are taken as present: it warns only when sure. */
export function absenceOf(expr: Expr | undefined, facts: PresenceFacts, depth = 0): Absence {
  if (expr === undefined || depth > 32) return PRESENT;
  if (facts.proven.some((proven) => sameStructure(proven, expr))) return PRESENT;
  const next = (child: Expr | undefined) => absenceOf(child, facts, depth + 1);
  switch (expr.kind) {
    case "Omit":
      return ABSENT;
    case "Path":
      return pathAbsence(expr, facts, depth);
    case "List":
      // A list whose items are all absent is absent.
      return listOf(expr.items).map(next).reduce(allOf, ABSENT);
    case "Object": {
      // Like a list: absent when every value is; a written `{}` is sent as it is.
      const entries = listOf(expr.entries);
      return entries.length === 0 ? PRESENT : entries.map((entry) => next(entry?.value)).reduce(allOf, ABSENT);
    }
    case "Call": {
      const args = listOf(expr.args).map(next);
      const spec = STDLIB_BY_NAME.get(expr.callee?.text);
      // coalesce and merge give a value when any argument has one.
      if (expr.callee?.text === "coalesce" || expr.callee?.text === "merge") return args.reduce(allOf, ABSENT);
      const fails: Absence = spec?.fallible === true ? [[`where ${expr.callee.text}(…) fails`]] : PRESENT;
      return [...args, fails].reduce(anyOf, PRESENT);
    }
    case "Binary":
      return expr.operator === "+" ? anyOf(next(expr.left), next(expr.right)) : PRESENT;
    case "Fallback":
      return allOf(next(expr.left), next(expr.right));
    case "If":
      return ifAbsence(expr, facts, depth);
    case "Match":
      return matchAbsence(expr, facts, next);
    default:
      return PRESENT;
  }
}

/**
 * Absent where its branch is. A way a branch can be absent that turns on something the condition reads is left out:
 * the condition may be exactly what rules it out (`if is_present(x) then trim(x) else "anonymous"`), and this
 * analysis warns only when sure. An `else` that gives nothing (not written, or `omit`) is absent wherever the
 * condition fails.
 */
function ifAbsence(expr: IfExpr, facts: PresenceFacts, depth: number): Absence {
  const condition = expr.condition;
  const open = undecidedBy(condition, (path) => absenceOf(path, facts, depth + 1));
  const then = open(absenceOf(expr.then, facts, depth + 1));
  const names = namedEvents(condition);
  // `if event == "A" or event == "B"` where `on` takes only those names: the `else` is never taken.
  if (names !== undefined && facts.eventNames?.every((name) => names.includes(name)) === true) return then;
  const label = names === undefined ? NO_IF_BRANCH : `${NOT_NAMED}${names.map(quote).join(" or ")}`;
  const otherwiseWays = expr.otherwise === undefined ? ABSENT : absenceOf(expr.otherwise, facts, depth + 1);
  const otherwise = open(otherwiseWays).map((way) => (way.length === 0 ? [label] : way));
  if (condition?.kind === "Boolean") return condition.value ? then : otherwise;
  return anyOf(then, otherwise);
}

/** A filter keeping the ways of being absent that turn on nothing `decider` reads (through `lets`, as absence does). */
function undecidedBy(decider: Expr | undefined, absence: (path: Expr) => Absence): (ways: Absence) => Absence {
  const decided = new Set(pathsIn(decider).flatMap((path) => absence(path).flat()));
  return (ways) => ways.filter((way) => !way.some((read) => decided.has(read)));
}

/** Every path an expression reads, at any depth. */
function pathsIn(node: unknown): PathExpr[] {
  if (node === null || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap(pathsIn);
  if ((node as { kind?: unknown }).kind === "Path") return [node as PathExpr];
  return Object.values(node).flatMap(pathsIn);
}

const quote = (name: string): string => JSON.stringify(name);

/** Absent where the arm that fits is, or (without `else`) where none fits: never for `match event` covering `on`. */
function matchAbsence(expr: MatchExpr, facts: PresenceFacts, next: (child: Expr | undefined) => Absence): Absence {
  const arms = listOf(expr.arms);
  // An arm is taken only when the subject equals its pattern: a way turning on what the subject reads is ruled out.
  const open = undecidedBy(expr.subject, next);
  const values = arms.map((arm) => open(next(arm?.value))).reduce(anyOf, PRESENT);
  if (expr.otherwise !== undefined) return anyOf(values, next(expr.otherwise));
  const patterns = arms.map((arm) => arm?.pattern?.value);
  const covered =
    isEventName(expr.subject) &&
    facts.eventNames !== undefined &&
    facts.eventNames.every((name) => patterns.includes(name));
  return covered ? values : anyOf(values, [[NO_MATCH_ARM]]);
}

const NO_IF_BRANCH = 'where its "if" condition does not hold';
const NO_MATCH_ARM = 'where no arm of its "match" fits';
const NOT_NAMED = "where the event is not ";

/** The hint for a value that may be absent: an `else` where a branch gives nothing, else a `require` or a fallback. */
export function absenceHint(absence: Absence): string {
  const reads = absence.flat();
  if (reads.some((read) => read === NO_MATCH_ARM)) return `give the "match" an "else" arm with a value`;
  if (reads.some((read) => read === NO_IF_BRANCH || read.startsWith(NOT_NAMED))) {
    return `give the "if" an "else" with a value, or require the value before this rule`;
  }
  return `require the value before this rule (require x else "…"), or give it a fallback with ??`;
}

function pathAbsence(path: PathExpr, facts: PresenceFacts, depth: number): Absence {
  const root = path.root?.text ?? "";
  const segments = listOf(path.segments);
  if (root === "event" && segments.length === 0) return facts.eventNameAlways === false ? [["an event name"]] : PRESENT;
  // the normalised call type: every event that reaches a preset has one
  if (root === "event" && segments.length === 1 && segments[0]?.kind === "Field" && segments[0].name === "type")
    return PRESENT;
  if (root === "settings") {
    const first = segments[0];
    const setting = segments.length === 1 && first?.kind === "Field" ? facts.setting(first.name) : undefined;
    // A setting with a default is always given a value when the settings are loaded.
    return setting?.required === true || setting?.default !== undefined ? PRESENT : [[pathText(path)]];
  }
  // entries(…) gives only items with a text key and a present value.
  const loop = facts.loopSource?.(root);
  const first = segments[0];
  if (loop?.kind === "Call" && loop.callee?.text === "entries" && segments.length === 1 && first?.kind === "Field") {
    if (first.name === "key" || first.name === "value") return PRESENT;
  }
  const letValue = facts.letValue(root);
  if (letValue !== undefined && segments.length === 0) return absenceOf(letValue, facts, depth + 1);
  return [[pathText(path)]];
}

/** `traits.email`, `context.page."full url"`, `items[0]`. */
export function pathText(path: PathExpr): string {
  return listOf(path.segments).reduce((text, segment) => {
    if (segment?.kind === "Index") return `${text}[${segment.index}]`;
    if (segment?.kind !== "Field") return text;
    return `${text}.${segment.quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment.name) ? JSON.stringify(segment.name) : segment.name}`;
  }, path.root?.text ?? "");
}

/** Absent when either is absent. */
function anyOf(a: Absence, b: Absence): Absence {
  return dedupe([...a, ...b]);
}

/** Absent only when both are absent. */
export function allOf(a: Absence, b: Absence): Absence {
  return dedupe(a.flatMap((left) => b.map((right) => [...new Set([...left, ...right])])));
}

function dedupe(ways: Absence): Absence {
  const seen = new Map<string, readonly string[]>();
  for (const way of ways) seen.set([...way].sort().join("\u0000"), way);
  return [...seen.values()].slice(0, MAX_WAYS);
}

/**
 * The ways left once `require`s before the rule are known to hold: a way that misses every read of one of a
 * required value's ways would have stopped the event at that `require`.
 */
export function withoutProven(absence: Absence, proven: readonly Absence[]): Absence {
  const impossible = (way: readonly string[]) =>
    proven.some((ways) => ways.some((required) => required.every((read) => way.includes(read))));
  return absence.filter((way) => !impossible(way));
}

/** "events without traits.email", "events without traits.a and traits.b, or where e164(…) fails". */
export function describeAbsence(absence: Absence): string {
  const ways = absence.map((way) => {
    const reads = way.filter((read) => !read.startsWith("where "));
    const failures = way.filter((read) => read.startsWith("where "));
    const parts = [...(reads.length > 0 ? [`without ${reads.join(" and ")}`] : []), ...failures];
    return parts.length > 0 ? parts.join(" and ") : "where it is left out";
  });
  return `events ${ways.join(", or ")}`;
}
