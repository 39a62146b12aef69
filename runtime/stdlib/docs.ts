// Renders the standard-library reference (docs/stdlib.md) from the function specs, so the docs cannot drift.

import { Failure } from "../values.js";
import { STDLIB } from "./index.js";
import type { ExampleResult, FunctionExample, FunctionSpec, ParamSpec } from "./spec.js";

const HEADER = `<!-- Generated from runtime/stdlib by runtime/stdlib/docs.ts; do not edit by hand.
Regenerate with: UPDATE_GOLDEN=1 npx vitest run spec/runtime/stdlib-docs.test.ts -->

# Standard library reference

The functions a \`.map\` preset can call. Every example below runs as a test (\`spec/runtime/stdlib.test.ts\`).

## Rules every function follows

- **Absent in, absent out.** When an argument is absent the result is absent, except for \`coalesce\`, \`concat\` and
  \`is_present\`, whose job is to look past absent values.
- **The wrong type is absent.** A value of the wrong JSON type is treated as absent: \`lower(123)\` is absent.
  No function ever throws.
- **Empty text is absent unless written literally.** A computed text that is empty is absent: \`trim("   ")\` is absent,
  and so is a \`replace\` that leaves nothing.
- **Failures are for present input only.** A fallible function returns a failure only when it is given a present value
  of the right type that it cannot convert (\`e164("12345", "GB")\`); the call must then be the left side of \`??\`.
  Failure reasons never quote the input, because outcomes are logged and event values may be personal data.
- In the tables, \`absent\` stands for an absent value and \`failure\` for a failed call.
`;

/** The whole reference as markdown. */
export function renderStdlibReference(): string {
  return [HEADER, ...STDLIB.map(renderFunction)].join("\n");
}

function renderFunction(spec: FunctionSpec): string {
  const lines = [`## \`${signature(spec)}\``, "", spec.doc, ""];
  if (spec.fallible) lines.push("Fallible: a call can fail on present input and must be the left side of `??`.", "");
  const rows = spec.examples.map((example) => exampleCells(spec.name, example));
  lines.push(...renderTable(["Call", "Result", "Note"], rows));
  return lines.join("\n") + "\n";
}

export function signature(spec: FunctionSpec): string {
  return `${spec.name}(${spec.params.map(renderParam).join(", ")}) -> ${spec.returns}`;
}

function renderParam(param: ParamSpec): string {
  if (param.variadic) return `...${param.name}: ${param.type}`;
  return `${param.name}${param.optional ? "?" : ""}: ${param.type}`;
}

function exampleCells(name: string, example: FunctionExample): string[] {
  const call = `${name}(${example.args.map(renderValue).join(", ")})`;
  return [code(call), code(renderResult(example.result)), example.note ?? ""];
}

// Columns padded the way prettier aligns a markdown table, so `npm run format` leaves the generated file alone.
// Width counts code points as prettier does: combining accents (U+0300-U+036F) as none, East Asian wide letters
// (Hangul, CJK, kana, full-width forms: the ranges examples use) as two.
function renderTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(...[header, ...rows].map((row) => width(row[column]))));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => pad(cell, widths[column])).join(" | ")} |`;
  return [line(header), line(widths.map((size) => "-".repeat(size))), ...rows.map(line)];
}

function width(text: string): number {
  let total = 0;
  for (const char of text) total += COMBINING.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  return total;
}

const COMBINING = /[\u0300-\u036F]/u;
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60\uFFE0-\uFFE6]/u;

function pad(text: string, size: number): string {
  return text + " ".repeat(size - width(text));
}

function renderResult(result: ExampleResult): string {
  if ("fails" in result) return "failure";
  if ("absent" in result) return "absent";
  return renderValue(result.value);
}

function renderValue(value: unknown): string {
  if (value === undefined) return "absent";
  if (value instanceof Failure) return "failure";
  return JSON.stringify(value);
}

// A pipe ends a table cell even inside a code span, so GitHub-flavoured markdown wants it escaped.
function code(text: string): string {
  return "`" + text.replaceAll("|", "\\|") + "`";
}
