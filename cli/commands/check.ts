// `signal-map check FILE.map…`: parse and check, print every diagnostic of every file.

import { colourDiagnostics, paletteFor } from "../colour.js";
import { check } from "../../compiler/index.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnosticsToJson, renderDiagnostic } from "../../diagnostics/render.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { usageError } from "../usage.js";
import { readMapSource } from "../map-file.js";

const HELP = `Usage: signal-map check FILE.map… [--preset NAME] [--json]

Parses and checks each .map file and prints its diagnostics:
  path:line:col: error[CODE]: message, the source line with a caret under the problem, and how to fix it.

Options:
  --preset NAME  also check that each file holds a preset of that name (every preset is checked either way)
  --json    print the diagnostics of all files as one JSON array instead
  --help    show this help

Exit: 0 no errors (warnings allowed), 1 errors, 2 usage or a file that cannot be read (with --json, such a file is
an entry {"file", "severity": "error", "code": "io", "message"} of the array).`;

const SPEC: ArgSpec = { flags: ["json"], options: ["preset"] };

export const checkCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) return help(io);
  if (args.error || args.positional.length === 0) return usage(io, args.error ?? "check needs at least one .map file");
  let exit: number = EXIT.ok;
  const json: unknown[] = [];
  for (const file of args.positional) {
    const read = await readMapSource(file, io.cwd);
    if (!read.ok) {
      exit = EXIT.usage;
      // With --json, a file that cannot be used is an entry of the array too, so a tool sees why, not `[]`.
      if (args.flags.has("json")) json.push({ file, severity: "error", code: "io", message: read.problem });
      else io.stderr.write(`signal-map check: ${read.problem}\n`);
      continue;
    }
    const source = read.source;
    const diagnostics = checkNamed(source, file, args.options.get("preset"));
    if (hasErrors(diagnostics) && exit === EXIT.ok) exit = EXIT.errors;
    if (args.flags.has("json")) json.push(...diagnosticsToJson(diagnostics, source, file));
    else io.stdout.write(colourDiagnostics(renderFile(diagnostics, source, file), paletteFor(io.stdout, io.env)));
  }
  if (args.flags.has("json")) io.stdout.write(JSON.stringify(json, null, 2) + "\n");
  return exit;
};

/** Every preset is checked; a name that is not among them is E442, listing the names there are. */
function checkNamed(source: string, file: string, name: string | undefined): Diagnostic[] {
  const { diagnostics, presets } = check(source, { filename: file });
  const names = presets.map((p) => p.decl.name.text);
  if (name === undefined || names.includes(name)) return diagnostics;
  const list = names.map((n) => `"${n}"`).join(", ") || "none";
  const at = { start: 0, end: 0 };
  const missing: Diagnostic = {
    code: "E442",
    severity: "error",
    message: `the file has no preset named "${name}"`,
    span: at,
    labels: [],
    hints: [`the file has: ${list}`],
  };
  return [missing, ...diagnostics];
}

/** Each diagnostic, then one line saying how the file fared. */
export function renderFile(diagnostics: readonly Diagnostic[], source: string, file: string): string {
  const body = diagnostics.map((d) => renderDiagnostic(d, source, file) + "\n").join("\n");
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const summary =
    diagnostics.length === 0 ? `${file}: ok` : `${file}: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  return (body ? body + "\n" : "") + summary + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The .map file's text, or undefined after one line on stderr saying why it cannot be used. */
export async function readSource(file: string, io: CliIO, command = "check"): Promise<string | undefined> {
  const read = await readMapSource(file, io.cwd);
  if (read.ok) return read.source;
  io.stderr.write(`signal-map ${command}: ${read.problem}\n`);
  return undefined;
}

function help(io: CliIO): number {
  io.stdout.write(HELP + "\n");
  return EXIT.ok;
}

function usage(io: CliIO, message: string): number {
  return usageError(io, "check", message, HELP);
}
