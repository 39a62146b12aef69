// Structural equality of AST nodes: same shape and values, wherever in the file they were written.

/** True when `a` and `b` are the same tree, ignoring source spans (`span`, `targetSpan`, `operatorSpan`, ...). */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // A key holding undefined counts as missing: `{ warn: undefined }` and `{}` are the same node.
  const keysOf = (value: object) =>
    Object.keys(value)
      .filter((key) => !isSpanKey(key) && (value as Record<string, unknown>)[key] !== undefined)
      .sort();
  const aKeys = keysOf(a);
  const bKeys = keysOf(b);
  if (aKeys.length !== bKeys.length || aKeys.some((key, i) => key !== bKeys[i])) return false;
  return aKeys.every((key) => sameStructure((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function isSpanKey(key: string): boolean {
  return key === "span" || key.endsWith("Span");
}
