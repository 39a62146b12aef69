// Names a path may start with: the five roots, and `let` bindings defined above the point of use.

import type { LetStatement, PathExpr, PresetDecl } from "../../dsl/ast.js";
import { ROOTS } from "./types.js";
import type { CheckContext } from "./context.js";
import { didYouMean, quoted } from "./report.js";
import type { CheckTable } from "./table.js";

export const SCOPE_CHECKS: CheckTable = {
  Path: [checkRoot],
  Let: [declareLet],
  PresetDecl: [reportUnusedLets],
};

function checkRoot(path: PathExpr, context: CheckContext): void {
  const root = path.root?.text;
  const preset = context.preset;
  if (typeof root !== "string" || ROOTS.includes(root) || preset === undefined) return;
  if (context.site.loops?.has(root)) return; // a comprehension's loop name
  const binding = preset.scope.get(root) ?? preset.letsByName.get(root);
  if (binding !== undefined) {
    // A use before the definition still counts as a use: the author meant it, so W100 would only add noise.
    preset.letUses.set(binding, (preset.letUses.get(binding) ?? 0) + 1);
    if (preset.inScope.has(root)) return;
    if (inOtherBlock(binding, path, context)) {
      context.reporter.report("E205", path.root.span, `${quoted(root)} is defined in another send block`, {
        labels: [{ span: binding.name.span, message: "defined here" }],
        hints: ["a let of a send block is seen only in that block; move it above the first send to share it"],
      });
      return;
    }
    context.reporter.report("E205", path.root.span, `${quoted(root)} is used before it is defined`, {
      labels: [{ span: binding.name.span, message: "defined here" }],
      hints: ["move the let above its first use"],
    });
    return;
  }
  const suggestion = didYouMean(root, [...ROOTS, ...preset.inScope, ...(context.site.loops?.keys() ?? [])]);
  context.reporter.report("E201", path.root.span, `unknown root ${quoted(root)}`, {
    hints: [suggestion ?? "a path starts with event, traits, properties, context, settings or a let name"],
  });
}

/** The binding is a let of a send block that ends before the use. */
function inOtherBlock(binding: LetStatement, path: PathExpr, context: CheckContext): boolean {
  const block = context.preset?.blockOf.get(binding);
  const blocks = context.preset?.layout.blocks ?? [];
  if (block === undefined || blocks.length < 2) return false;
  const next = blocks[block + 1]?.send;
  return next !== undefined && next.span.start <= path.span.start;
}

/** A block starts with the prelude's lets in scope only: those of an earlier block are not seen. */
export function enterSendBlock(context: CheckContext): void {
  const preset = context.preset;
  if (preset === undefined || preset.layout.blocks.length < 2) return;
  const prelude = new Set(preset.layout.prelude);
  for (const [name, binding] of [...preset.scope]) {
    if (prelude.has(binding)) continue;
    preset.scope.delete(name);
    preset.inScope.delete(name);
  }
}

function declareLet(binding: LetStatement, context: CheckContext): void {
  const name = binding.name?.text;
  const preset = context.preset;
  if (typeof name !== "string" || preset === undefined) return;
  const first = preset.scope.get(name) ?? sameBlockFirst(binding, name, context);
  if (first !== undefined && first !== binding) {
    context.reporter.report("E206", binding.name.span, `let ${quoted(name)} is already defined`, {
      labels: [{ span: first.name.span, message: "first defined here" }],
      hints: ["rename one of them, or remove one"],
    });
    return;
  }
  if (ROOTS.includes(name)) {
    context.reporter.report("E209", binding.name.span, `let ${quoted(name)} has the name of a root`, {
      hints: [`a path starting with ${name} always reads the root, so choose another name for the let`],
    });
  }
  preset.inScope.add(name);
  preset.scope.set(name, binding);
  preset.declared.push(binding);
}

/** Before a let is declared, a let of the same name earlier in its own block (or the prelude, or the one block). */
function sameBlockFirst(binding: LetStatement, name: string, context: CheckContext): LetStatement | undefined {
  const first = context.preset?.letsByName.get(name);
  if (first === undefined || first === binding) return undefined;
  const preset = context.preset!;
  const mine = preset.blockOf.get(binding);
  const theirs = preset.blockOf.get(first);
  return theirs === undefined || theirs === mine ? first : undefined;
}

function reportUnusedLets(_decl: PresetDecl, context: CheckContext): void {
  const preset = context.preset;
  if (preset === undefined) return;
  for (const binding of preset.declared) {
    const name = binding.name.text;
    if (ROOTS.includes(name) || (preset.letUses.get(binding) ?? 0) > 0) continue;
    context.reporter.report("W100", binding.name.span, `let ${quoted(name)} is never used`, {
      hints: ["remove it, or use it in an assignment"],
    });
  }
}
