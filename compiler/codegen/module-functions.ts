// Small functions the generated module declares once, beside build(): one per object literal, list literal and
// `match` whose arms all give literals. build() then calls a function with a fixed list of arguments, which V8 runs as
// plain property writes and a switch, where a variadic helper (`record(...)`, `choose(...)`) built an argument
// array and wrote every key through one generic store on every event.

import type { Expr, MatchExpr, ObjectLiteral } from "../../dsl/ast.js";
import { propertyAccess, quote } from "./text.js";

export interface ModuleFunctions {
  /**
   * The name of the function `render(name)` declares, declared once: two literals that render the same text share
   * one function. `preferred` is the base of a fresh name, allocated around every other name of the module.
   */
  declare(preferred: string, render: (name: string) => string[]): string;
  /** Every declared function, in the order they were first asked for. */
  lines(): string[];
}

export function moduleFunctions(allocate: (preferred: string) => string): ModuleFunctions {
  const byText = new Map<string, string>();
  const declared: string[][] = [];
  return {
    declare(preferred, render) {
      // The placeholder is no identifier a .map can produce, so two renders differ only where their bodies do.
      const key = render("\0").join("\n");
      let name = byText.get(key);
      if (name === undefined) {
        name = allocate(preferred);
        byText.set(key, name);
        declared.push(render(name), [""]);
      }
      return name;
    },
    lines: () => declared.flat(),
  };
}

/** What emitting an expression needs here: its code, and the runtime's `put` for keys named like prototype members. */
export interface EmitParts {
  readonly emit: (expr: Expr) => string;
  readonly put: () => string;
}

/**
 * `{ key: value, … }` as a call of a declared builder: written literals are written into the builder, every other
 * value is an argument. The same object as `record(…)`: an absent value leaves its key out, and an object whose every
 * value is absent is absent (a written `{}` is `{}`).
 */
export function emitObject(expr: ObjectLiteral, functions: ModuleFunctions, parts: EmitParts): string {
  const args: string[] = [];
  const writes: string[] = [];
  let alwaysKept = expr.entries.length === 0;
  for (const { key, value } of expr.entries) {
    if (value.kind === "Omit") continue;
    if (writtenValue(value)) {
      writes.push(write(key, parts.emit(value), parts));
      alwaysKept = true;
      continue;
    }
    const param = `v${args.length}`;
    args.push(parts.emit(value));
    writes.push(`if (${param} !== undefined) ${write(key, param, parts)}`);
  }
  const { params, allAbsent } = signature(args);
  // One value that may be absent: once the object is known not to be absent, the value is known present.
  if (!alwaysKept && args.length === 1) writes[0] = writes[0].replace(/^if \(v0 !== undefined\) /, "");
  const first = expr.entries[0]?.key;
  const name = functions.declare(first === undefined ? "emptyObject" : `object_${first}`, (fn) => [
    `/** An object literal of the .map: absent values leave their key out${alwaysKept ? "" : ", and all absent, it is absent"}. */`,
    `function ${fn}(${params}): Record<string, unknown> | undefined {`,
    ...(alwaysKept ? [] : [`if (${allAbsent}) return undefined;`]),
    "const made: Record<string, unknown> = {};",
    ...writes,
    "return made;",
    "}",
  ]);
  return `${name}(${args.join(", ")})`;
}

/**
 * `[a, b, …]` as a call of a declared function, the same list as `list(…)`: absent items are left out, and a list
 * left empty is absent. One item, the usual case (`em: [hash_email(traits.email)]`), is one conditional.
 */
export function emitList(items: readonly Expr[], functions: ModuleFunctions, parts: EmitParts): string {
  const written = items.filter((item) => item.kind !== "Omit");
  if (written.length === 0) return "undefined";
  // Only literals: a new array each time, as the list it stands for, with nothing to leave out.
  if (written.every(writtenValue)) return `[${written.map(parts.emit).join(", ")}]`;
  const args: string[] = [];
  const pushes: string[] = [];
  let alwaysKept = false;
  for (const item of written) {
    if (writtenValue(item)) {
      pushes.push(`made.push(${parts.emit(item)});`);
      alwaysKept = true;
      continue;
    }
    const param = `v${args.length}`;
    args.push(parts.emit(item));
    pushes.push(`if (${param} !== undefined) made.push(${param});`);
  }
  const { params, allAbsent } = signature(args);
  const body =
    args.length === 1 && pushes.length === 1
      ? ["return v0 === undefined ? undefined : [v0];"]
      : [
          ...(alwaysKept ? [] : [`if (${allAbsent}) return undefined;`]),
          "const made: unknown[] = [];",
          ...pushes,
          "return made;",
        ];
  const name = functions.declare("listOf", (fn) => [
    `/** A list literal of the .map: absent items are left out${alwaysKept ? "" : ", and all absent, it is absent"}. */`,
    `function ${fn}(${params}): unknown[] | undefined {`,
    ...body,
    "}",
  ]);
  return `${name}(${args.join(", ")})`;
}

/** The parameters `v0, v1, …` of a declared function taking `args`, and the test that all of them are absent. */
function signature(args: readonly string[]): { params: string; allAbsent: string } {
  const names = args.map((_, index) => `v${index}`);
  return {
    params: names.map((name) => `${name}: unknown`).join(", "),
    allAbsent: names.length === 0 ? "true" : names.map((name) => `${name} === undefined`).join(" && "),
  };
}

/** A key written as a plain property write; a key named like an Object.prototype member goes through `put`. */
function write(key: string, value: string, parts: EmitParts): string {
  if (key in Object.prototype) return `${parts.put()}(made, ${quote(key)}, ${value});`;
  return `made${propertyAccess(key)} = ${value};`;
}

/**
 * A `match` whose arms all give literals, as a declared switch: `===` as `choose` compares, the first of equal
 * patterns wins, and no match gives the `else` literal or absent.
 */
export function emitLiteralMatch(expr: MatchExpr, functions: ModuleFunctions, parts: EmitParts): string {
  const seen = new Set<string>();
  const cases: string[] = [];
  for (const arm of expr.arms) {
    const pattern = parts.emit(arm.pattern);
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    cases.push(`case ${pattern}:`, `return ${parts.emit(arm.value)};`);
  }
  const otherwise = expr.otherwise ? parts.emit(expr.otherwise) : "undefined";
  const name = functions.declare("match", (fn) => [
    "/** A match of the .map whose arms all give literals: the first equal pattern's value. */",
    `function ${fn}(subject: unknown): unknown {`,
    "switch (subject) {",
    ...cases,
    "default:",
    `return ${otherwise};`,
    "}",
    "}",
  ]);
  return `${name}(${parts.emit(expr.subject)})`;
}

export const LITERALS: ReadonlySet<string> = new Set(["String", "Number", "Boolean", "Null", "Omit"]);

/** A written value other than `omit`: never absent, so it is set without a test. */
export function writtenValue(expr: Expr): boolean {
  return expr.kind !== "Omit" && LITERALS.has(expr.kind);
}
