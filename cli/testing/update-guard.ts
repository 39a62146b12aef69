// Two fixture checks of issue 12: JSON errors said as line:column, and `--update` refusing to record a setup error.

/** JSON.parse's "at position N" said as "at line L, column C" of `text` (V8's message otherwise unchanged). */
export function jsonErrorAtLine(message: string, text: string): string {
  const match = /\bat position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (match === null) return message;
  const position = Math.min(Number(match[1]), text.length);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - (before.lastIndexOf("\n") + 1) + 1;
  return message.replace(match[0], `at line ${line}, column ${column}`);
}

// Outcomes that mean the case itself is not set up (no settings, a broken preset), not what the preset does.
const SETUP_CODES = new Set(["invalid_settings", "internal"]);

/**
 * Why `--update` must not record `actual` into a case expecting `previous`, or undefined when it may. An
 * invalid_settings or internal outcome is recorded only when the case already expects that code.
 */
export function refusedUpdate(previous: unknown, actual: unknown): string | undefined {
  const code = codeOf(actual);
  if (code === undefined || !SETUP_CODES.has(code) || codeOf(previous) === code) return undefined;
  const fix =
    code === "invalid_settings"
      ? `give the case the "settings" the preset needs`
      : "fix the preset or the event so that it does not fail internally";
  return (
    `not updated: the outcome is a ${code} error, which says the case is not set up, not what the preset does; ` +
    `${fix}, or, if the case is meant to test that, write "expect": {"outcome": "error", "code": "${code}"} yourself`
  );
}

function codeOf(outcome: unknown): string | undefined {
  if (typeof outcome !== "object" || outcome === null) return undefined;
  const record = outcome as Record<string, unknown>;
  return record.outcome === "error" && typeof record.code === "string" ? record.code : undefined;
}
