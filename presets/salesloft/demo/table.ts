// The demo's readable output: the People the Salesloft emulator holds, one row each.

import type { Person } from "../emulator/index.js";

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
