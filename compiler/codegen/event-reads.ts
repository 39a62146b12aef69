// Which traits a preset reads: normalisation then merges `context.traits` into only those keys instead of copying
// every trait of every event.

import type { PresetDecl } from "../../dsl/ast.js";

/**
 * The trait names the preset reads as `traits.NAME…`, sorted; undefined when it reads `traits` whole (bare, or by
 * position), so normalisation must merge every key.
 */
export function traitKeysRead(preset: PresetDecl): string[] | undefined {
  const keys = new Set<string>();
  let whole = false;
  const visit = (node: unknown): void => {
    if (whole || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as { kind?: unknown; root?: { text?: unknown }; segments?: unknown };
    if (record.kind === "Path" && record.root?.text === "traits") {
      const first = Array.isArray(record.segments)
        ? (record.segments[0] as { kind?: string; name?: unknown })
        : undefined;
      if (first?.kind === "Field" && typeof first.name === "string") keys.add(first.name);
      else whole = true;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(preset.statements);
  return whole ? undefined : [...keys].sort();
}
