// Structural comparison of an expected outcome with the actual one, and its plain-text rendering for `signal-map test`.

/** One difference between expected and actual, with both sides already rendered as text. */
export interface Difference {
  /** Where it is, e.g. `request.body.phone` or `warnings[0]`; empty for the whole outcome. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

const ABSENT = Symbol("absent");
type Side = unknown | typeof ABSENT;

/**
 * Compares what a fixture states with the outcome as printed. Key order is ignored, list order is not. A drop's
 * `reason` and an error's `message` are compared only when the fixture states them: the contract fixes what is
 * dropped and which error code is given, while the wording is the preset's (checked by `messageIncludes` instead).
 */
export function compareOutcome(
  expected: unknown,
  actual: unknown,
  messageIncludes: readonly string[] = [],
): Difference[] {
  const differences: Difference[] = [];
  const skipped = unstatedTexts(expected);
  if (isRecord(expected) && isRecord(actual)) {
    for (const key of unionKeys(expected, actual)) {
      if (skipped.has(key) && !hasOwn(expected, key)) continue;
      diffValues(joinPath("", key), read(expected, key), read(actual, key), differences);
    }
  } else {
    diffValues("", expected, actual, differences);
  }
  return [...differences, ...missingTexts(actual, messageIncludes)];
}

/** The optional texts of a fixture that leaves them out: `reason` of a drop, `message` of an error. */
export function unstatedTexts(expected: unknown): Set<string> {
  if (!isRecord(expected)) return new Set();
  if (expected.outcome === "drop" && !hasOwn(expected, "reason")) return new Set(["reason"]);
  if (expected.outcome === "error" && !hasOwn(expected, "message")) return new Set(["message"]);
  return new Set();
}

function missingTexts(actual: unknown, wanted: readonly string[]): Difference[] {
  const text = isRecord(actual) ? (typeof actual.message === "string" ? actual.message : actual.reason) : undefined;
  return wanted
    .filter((part) => typeof text !== "string" || !text.includes(part))
    .map((part) => ({
      path: typeof text === "string" && isRecord(actual) && hasOwn(actual, "reason") ? "reason" : "message",
      expected: `a text that includes ${JSON.stringify(part)}`,
      actual: typeof text === "string" ? JSON.stringify(text) : "(absent)",
    }));
}

function diffValues(path: string, expected: Side, actual: Side, out: Difference[]): void {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
      diffValues(
        `${path}[${i}]`,
        i < expected.length ? expected[i] : ABSENT,
        i < actual.length ? actual[i] : ABSENT,
        out,
      );
    }
    return;
  }
  if (isRecord(expected) && isRecord(actual)) {
    for (const key of unionKeys(expected, actual)) {
      diffValues(joinPath(path, key), read(expected, key), read(actual, key), out);
    }
    return;
  }
  // Lists and objects were walked above, so what is left is a leaf, or an object against a non-object.
  if (expected !== actual) out.push({ path, expected: renderValue(expected), actual: renderValue(actual) });
}

/** Keys of the expected side first, in its order, then keys only the actual side has. */
function unionKeys(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const keys = Object.keys(expected);
  for (const key of Object.keys(actual)) if (!hasOwn(expected, key)) keys.push(key);
  return keys;
}

function read(record: Record<string, unknown>, key: string): Side {
  return hasOwn(record, key) ? record[key] : ABSENT;
}

function joinPath(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (path === "") return part;
  return part.startsWith("[") ? `${path}${part}` : `${path}.${part}`;
}

function renderValue(value: Side): string {
  if (value === ABSENT || value === undefined) return "(absent)";
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** The differences as indented lines, one block per difference, with no colour so it reads the same in CI logs. */
export function renderDifferences(differences: readonly Difference[], indent = "    "): string[] {
  const lines: string[] = [];
  for (const difference of differences) {
    lines.push(`${indent}${difference.path === "" ? "(the whole outcome)" : difference.path}`);
    lines.push(`${indent}  expected: ${difference.expected}`);
    lines.push(`${indent}  actual:   ${difference.actual}`);
  }
  return lines;
}
