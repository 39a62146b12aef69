// Checks that every contender gives the same outcome as the hand-written floor before anything is timed.

import type { Outcome } from "../runtime/outcome.js";
import type { BenchSettings } from "./peers/envelope.js";
import type { TransformFn } from "./contenders.js";

export interface OutcomeDifference {
  readonly contender: string;
  readonly index: number;
  readonly messageId: string | null;
  readonly detail: string;
}

export interface EquivalenceReport {
  readonly checked: number;
  /** Differences found, at most `limit` per contender. */
  readonly differences: readonly OutcomeDifference[];
}

/** JSON equality where object key order does not matter and list order does. */
export function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return left.length === other.length && left.every((item, index) => sameJson(item, other[index]));
  }
  const leftKeys = Object.keys(left).filter((key) => (left as Record<string, unknown>)[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => (right as Record<string, unknown>)[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) =>
    sameJson((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

/** What must agree: the outcome kind, the error code, the request body and how many warnings were given. */
export function describeDifference(expected: Outcome, actual: Outcome): string | undefined {
  if (expected.outcome !== actual.outcome)
    return `outcome ${actual.outcome} (${summarise(actual)}), expected ${expected.outcome} (${summarise(expected)})`;
  if (expected.outcome === "error" && actual.outcome === "error" && expected.code !== actual.code) {
    return `error code ${actual.code} (${actual.message}), expected ${expected.code} (${expected.message})`;
  }
  if (expected.outcome !== "send" || actual.outcome !== "send") return undefined;
  if (!sameJson(expected.request.body, actual.request.body)) {
    return `body ${JSON.stringify(actual.request.body)}, expected ${JSON.stringify(expected.request.body)}`;
  }
  if (expected.warnings.length !== actual.warnings.length) {
    return `warnings ${JSON.stringify(actual.warnings)}, expected ${JSON.stringify(expected.warnings)}`;
  }
  return undefined;
}

function summarise(outcome: Outcome): string {
  if (outcome.outcome === "error") return `${outcome.code}: ${outcome.message}`;
  if (outcome.outcome === "drop") return outcome.reason;
  return JSON.stringify(outcome.request.body);
}

/** Runs every contender over every event and compares each outcome with the reference contender's. */
export async function checkEquivalence(
  events: readonly unknown[],
  reference: TransformFn,
  contenders: ReadonlyArray<{ readonly name: string; readonly transform: TransformFn }>,
  settings: BenchSettings,
  limit = 5,
): Promise<EquivalenceReport> {
  const differences: OutcomeDifference[] = [];
  for (const contender of contenders) {
    let found = 0;
    for (let index = 0; index < events.length && found < limit; index++) {
      const expected = await reference(events[index], settings);
      const actual = await safely(contender.transform, events[index], settings);
      const detail = describeDifference(expected, actual);
      if (detail === undefined) continue;
      found++;
      differences.push({ contender: contender.name, index, messageId: expected.messageId, detail });
    }
  }
  return { checked: events.length, differences };
}

/** A contender that throws is a difference to report, not a crash of the benchmark. */
async function safely(transform: TransformFn, event: unknown, settings: BenchSettings): Promise<Outcome> {
  try {
    return await transform(event, settings);
  } catch (error) {
    return { messageId: null, outcome: "error", code: "internal", message: `threw: ${String(error)}` };
  }
}
