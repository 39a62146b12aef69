// `signal-map explain FILE.map EVENT.json`: for one event, each body field with the rule that set it and the values
// on the way, and each rule that set nothing with the reason; --json gives the same as data (docs/tools.md).

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { explainEvent, type Explanation, type FieldTrace } from "../../explain/explain.js";
import { PresetChoiceError, PresetCompileError } from "../../loader/load-preset.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { usageError } from "../usage.js";
import { ioProblem } from "../io-problems.js";

const HELP = `Usage: signal-map explain FILE.map EVENT.json [--settings S.json] [--preset NAME] [--json]

Runs one event through the preset and shows, for each body field, the rule (line) that set it and the value's path
through lets and functions; for each rule that set nothing, why (condition false, value absent, fallback taken with
its warning, require failed, drop taken, send block not chosen). EVENT.json holds one event, or a test case
({"event", "settings"}) whose settings are used unless --settings is given.

Options:
  --settings S.json  the settings (secrets are never printed)
  --preset NAME      the preset, when the file holds several
  --json             print {outcome, fields, skipped, warnings, body} as JSON (docs/tools.md)
  --help             show this help

Exit: 0 explained, 2 usage, a file that cannot be read, or a preset that does not compile.`;

const SPEC: ArgSpec = { flags: ["json"], options: ["settings", "preset"] };

export const explainCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.ok;
  }
  if (args.error || args.positional.length !== 2)
    return usageError(io, "explain", args.error ?? "explain needs FILE.map and EVENT.json", HELP);
  const [mapFile, eventFile] = args.positional;
  try {
    const given = (await readJson(eventFile, io)) as Record<string, unknown>;
    const isCase = given !== null && typeof given === "object" && "event" in given;
    const event = isCase ? given.event : given;
    const settingsFile = args.options.get("settings");
    const settings = settingsFile ? await readJson(settingsFile, io) : isCase ? (given.settings ?? {}) : {};
    const preset = args.options.get("preset");
    const report = await explainEvent(resolve(io.cwd, mapFile), event, settings as never, preset ? { preset } : {});
    io.stdout.write(args.flags.has("json") ? JSON.stringify(report, null, 2) + "\n" : renderExplanation(report));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PresetCompileError) io.stderr.write(error.rendered);
    else io.stderr.write(`signal-map explain: ${problemOf(error)}\n`);
    return EXIT.usage;
  }
};

async function readJson(file: string, io: CliIO): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${ioProblem(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function problemOf(error: unknown): string {
  if (error instanceof PresetChoiceError || error instanceof Error) return error.message;
  return String(error);
}

/** A value as JSON, cut to a readable length. */
export function shown(value: unknown): string {
  const text = value === undefined ? "absent" : JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 79) + "…" : text;
}

export function renderExplanation(report: Explanation): string {
  const lines = [`outcome: ${outcomeLine(report)}`];
  if (report.fields.length > 0) lines.push("", "fields:");
  for (const field of report.fields) lines.push(...fieldLines(field));
  if (report.skipped.length > 0) lines.push("", "rules that set nothing:");
  for (const s of report.skipped) lines.push(`  line ${s.line}: ${s.rule}`, `      ${s.reason}`);
  if (report.warnings.length > 0) lines.push("", "warnings:", ...report.warnings.map((w) => `  ${w}`));
  return lines.join("\n") + "\n";
}

function outcomeLine(report: Explanation): string {
  const outcome = report.outcome;
  if (outcome.outcome === "send") return `send ${outcome.request.method} ${outcome.request.url}`;
  if (outcome.outcome === "drop") return `drop: ${outcome.reason}`;
  return `error ${outcome.code}: ${outcome.message}`;
}

/** `email_address ← line 10: email ← line 9: lower(trim(traits.email)) = "jane@…"`, then each value on the way. */
function fieldLines(field: FieldTrace): string[] {
  const steps = field.steps;
  const last = steps[steps.length - 1];
  let chain = last?.text ?? "";
  if (last?.line !== undefined) chain = `${last.text} ← line ${last.line}: ${steps[steps.length - 2]?.text ?? ""}`;
  const name = field.path === "" ? "body" : field.path;
  const head = `  ${name} ← line ${field.line}: ${chain} = ${shown(field.value)}`;
  const rest = steps.slice(0, last?.line !== undefined ? -2 : -1);
  return [
    head,
    ...rest.map(
      (s) =>
        `      ${s.line !== undefined ? `${s.text} ← line ${s.line}` : s.text} = ${shown(s.value)}${s.warning ? `  (fallback: ${s.warning})` : ""}`,
    ),
  ];
}
