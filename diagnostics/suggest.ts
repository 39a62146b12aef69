// "Did you mean …?": the closest known name by Damerau–Levenshtein distance, used by every such hint.

/**
 * The candidate closest to `name`, or undefined when none is close enough. Close enough means at most
 * max(1, floor(length / 3)) edits, where swapping two neighbouring letters counts as one edit (`frist` → `first`).
 * A candidate differing only in letter case always wins (`post` → `POST`). Ties go to the earlier candidate.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const threshold = Math.max(1, Math.floor(name.length / 3));
  const lowerName = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === lowerName) return candidate;
    // The length gap is a lower bound on the distance: skip the table when it cannot win.
    if (Math.abs(candidate.length - name.length) > Math.min(threshold, bestDistance - 1)) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= threshold ? best : undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
