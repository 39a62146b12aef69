// The demo's readable output: one row per event with its notes beneath, then the People in the emulator.

import type { DeliveryResult } from "../../../delivery/results.js";
import type { Person } from "../emulator/index.js";

/** What the table shows of an input event: its name and the email it carried. */
export interface EventLabel {
  readonly name: string;
  readonly email: string;
}

export function labelOf(line: string): EventLabel {
  try {
    const event = JSON.parse(line) as { type?: unknown; event?: unknown; traits?: { email?: unknown } };
    const name =
      typeof event.event === "string" ? event.event : typeof event.type === "string" ? `(${event.type})` : "?";
    const email = typeof event.traits?.email === "string" ? event.traits.email.trim().toLowerCase() : "-";
    return { name, email };
  } catch {
    return { name: "(not JSON)", email: "-" };
  }
}

export function eventsTable(results: readonly DeliveryResult[], labels: readonly EventLabel[]): string {
  const header = ["#", "event", "email", "result", "HTTP", "person"];
  const rows = results.map((r) => {
    const label = labels[r.line - 1] ?? { name: "?", email: "-" };
    return [String(r.line), label.name, label.email, r.status, String(r.httpStatus ?? "-"), String(r.personId ?? "-")];
  });
  const firstLineOf = new Map<string, number>();
  const notes = results.map((r) => {
    const person = r.personId === undefined ? undefined : String(r.personId);
    const earlier = person === undefined ? undefined : firstLineOf.get(person);
    if (person !== undefined && earlier === undefined) firstLineOf.set(person, r.line);
    const updated =
      earlier === undefined ? [] : [`updated the Person created by line ${earlier} (same email): no duplicate`];
    return [...updated, ...(r.error ? [r.error] : []), ...(r.reason ? [r.reason] : []), ...r.warnings];
  });
  return layout(header, rows, notes);
}

export function peopleTable(people: readonly Person[]): string {
  const header = ["id", "email", "name", "title", "phone", "do_not_contact", "tags", "custom_fields"];
  const rows = people.map((p) => [
    String(p.id),
    p.email_address ?? "-",
    [p.first_name, p.last_name].filter(Boolean).join(" ") || "-",
    p.title ?? "-",
    p.phone ?? "-",
    String(p.do_not_contact),
    p.tags.join(", ") || "-",
    Object.entries(p.custom_fields)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(", ") || "-",
  ]);
  return layout(
    header,
    rows,
    rows.map(() => []),
  );
}

function layout(header: readonly string[], rows: readonly string[][], notes: readonly string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  const out = [line(header)];
  rows.forEach((row, index) => {
    out.push(line(row));
    for (const note of notes[index] ?? []) out.push(`      ↳ ${note}`);
  });
  return `${out.join("\n")}\n`;
}
