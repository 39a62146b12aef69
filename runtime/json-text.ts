// Saying where text stops being JSON without quoting it: event lines and settings files hold personal data and secrets.

/** " (at character 12)", " (it ends too early)" or "" — never the parser's own message, which quotes the text. */
export function whereInJson(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (/end of JSON input/.test(message)) return " (it ends too early)";
  const position = /at position (\d+)/.exec(message);
  return position === null ? "" : ` (at character ${Number(position[1]) + 1})`;
}
