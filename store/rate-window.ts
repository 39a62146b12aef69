// The sliding-window rate rule both stores apply: at most `limit` grants in any `windowMs`.

import type { RateDecision } from "./store.js";

/** Decides on the grants still inside the window (ascending); the caller records `now` when it is granted. */
export function decideRate(inWindow: readonly number[], limit: number, windowMs: number, now: number): RateDecision {
  if (inWindow.length < limit) return { ok: true };
  // A slot frees when the grant `limit` places before the next one leaves the window.
  const freeing = inWindow[inWindow.length - Math.max(1, limit)] ?? now;
  return { ok: false, retryAtMs: Math.max(now + 1, freeing + windowMs) };
}

/** The in-process form, for a store only one process uses (SQLite). */
export class RateWindows {
  private readonly grants = new Map<string, number[]>();

  acquire(key: string, limit: number, windowMs: number, now: number): RateDecision {
    const kept = (this.grants.get(key) ?? []).filter((at) => at > now - windowMs);
    const decision = decideRate(kept, limit, windowMs, now);
    if (decision.ok) kept.push(now);
    this.grants.set(key, kept);
    return decision;
  }
}
