// How deeply a parsed JSON body nests: a body past the limit is refused before anything recursive reads it.

/** The deepest level allowed: the body object is level 1. Real events nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the value nests deeper than `max` levels. JSON.parse reads any depth, but JSON.stringify, the presets and
 * the debugger recurse, so a body thousands of levels deep would overflow the stack later; this walk uses its own
 * stack and stops at the first container past the limit.
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
