// The demo's printed account: how the samples were posted, a table of what each destination got, and per destination
// what landed (with the destination's ids), what was dropped or refused and why, and what its emulator now holds.

import type { DemoRun, Landed } from "./demo-pipeline.js";
import type { Outcome } from "./demo-outcomes.js";

export function introText(run: DemoRun, events: number): string {
  const emulators = run.landed.map((l) => `    ${l.integration.padEnd(10)} ${l.url}`);
  return [
    "The live pipeline on this machine (nothing leaves 127.0.0.1):",
    `  serve      ${run.url}  (embedded SQLite store; config ${run.configPath}, secrets from the environment)`,
    "  emulators",
    ...emulators,
    "",
    `Posted ${events} sample events as a tracking script would: ${run.requests.batches} /v1/batch and ` +
      `${run.requests.single} single /v1/track, /v1/identify, /v1/page and /v1/screen calls, each answered 200 once ` +
      "stored. Every event went to every integration; each reached a final outcome:",
    "",
    "",
  ].join("\n");
}

export function landedText(landed: readonly Landed[]): string {
  const header = ["destination", "events", "delivered", "dropped", "failed", "emulator holds"];
  const count = (l: Landed, state: string) => String(l.outcomes.filter((o) => o.state === state).length);
  const rows = landed.map((l) => [
    l.integration,
    String(l.outcomes.length),
    count(l, "delivered"),
    count(l, "dropped"),
    count(l, "failed"),
    l.holds.summary,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  const out = [line(header), ...rows.map(line), ""];
  for (const l of landed) out.push(`${l.integration}:`, ...destinationLines(l), "");
  return `${out.join("\n")}\n`;
}

function destinationLines(l: Landed): string[] {
  const delivered = l.outcomes.filter((o) => o.state === "delivered");
  const out = wrapped("delivered", delivered.map(deliveredLabel));
  for (const o of delivered) for (const w of o.warnings) out.push(`    ↳ ${o.messageId}: ${w}`);
  for (const state of ["dropped", "failed", "dead"] as const) {
    const byReason = new Map<string, string[]>();
    for (const o of l.outcomes.filter((x) => x.state === state)) {
      const reason = o.detail ?? "(no reason recorded)";
      byReason.set(reason, [...(byReason.get(reason) ?? []), o.messageId]);
    }
    for (const [reason, ids] of byReason) out.push(...wrapped(state, ids, reason));
  }
  out.push(`  the emulator holds ${l.holds.summary}:`, ...l.holds.details.map((d) => `    ${d}`));
  return out;
}

function deliveredLabel(o: Outcome): string {
  return o.destinationId === undefined ? o.messageId : `${o.messageId} → ${o.destinationId}`;
}

/** `label (n): a, b, c` wrapped at 118 columns; a reason, when given, on the first line after the count. */
function wrapped(label: string, items: readonly string[], reason?: string): string[] {
  if (items.length === 0) return [];
  const lines = [`  ${label} (${items.length})${reason === undefined ? "" : `, ${reason}`}:`];
  let current = "   ";
  for (const [i, item] of items.entries()) {
    const piece = ` ${item}${i < items.length - 1 ? "," : ""}`;
    if (current.length + piece.length > 118 && current.trim() !== "") {
      lines.push(current);
      current = "   ";
    }
    current += piece;
  }
  lines.push(current);
  return lines;
}

export function verdictText(landed: readonly Landed[]): string {
  const unmet = landed.flatMap((l) => l.unmet.map((what) => `  - ${l.integration}: ${what}`));
  return unmet.length === 0
    ? "Everything landed as the samples' READMEs say.\n"
    : `Not as expected:\n${unmet.join("\n")}\n`;
}
