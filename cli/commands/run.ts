// `signal-map run FILE.map [--settings S.json] [EVENTS.jsonl or -]`: transform events offline, one outcome per line.

import { open, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { loadPreset, PresetCompileError } from "../../loader/load-preset.js";
import { splitPresetRef } from "../../loader/paths.js";
import type { ErrorOutcome } from "../../runtime/outcome.js";
import type { Preset } from "../../runtime/preset.js";
import { redactOutcome, secretValues } from "../../runtime/redact.js";
import type { Settings } from "../../runtime/values.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { whereInJson } from "../../runtime/json-text.js";
import { readJsonLines, writeLine, type JsonLine } from "../streams/json-lines.js";
import { usageError } from "../usage.js";

const HELP = `Usage: signal-map run FILE.map [--preset NAME] [--settings S.json] [EVENTS.jsonl or -]

Transforms events offline, without sending anything: reads one JSON event per line (from the file, or from
standard input when the file is "-" or left out) and writes one outcome per line, as JSON:
  {"messageId": …, "outcome": "send", "request": {…}, "warnings": […]}, "drop" with a reason, or "error" with a
  code and a message. Secret headers are shown as "Bearer [redacted]".
Blank lines are skipped. A line that is not valid JSON gives an error outcome naming its line number, and the
stream goes on. Input is read as it arrives, so a file of any size runs in constant memory.

Options:
  --preset NAME      the preset to run when FILE.map holds several (FILE.map#NAME works too)
  --settings S.json  the preset's settings as a JSON object; a setting left out is read from the environment,
                     <INTEGRATION>_<SETTING>, e.g. ACME_API_KEY for the api_key of an acme integration
  --help             show this help

Exit: 0 once every line has its outcome; 2 when the preset does not compile, the settings are not usable,
or a file cannot be read (reported before any event is read).`;

const SPEC: ArgSpec = { flags: [], options: ["settings", "preset"] };

export const runCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const problem = args.error ?? arityProblem(args.positional);
  if (problem !== undefined) return usage(io, problem);
  const [mapFile, eventsFile = "-"] = args.positional;
  const preset = await loadOrReport(mapFile, io, args.options.get("preset"));
  if (preset === undefined) return EXIT.usage;
  const settings = await settingsOrReport(preset, args.options.get("settings"), io);
  if (settings === undefined) return EXIT.usage;
  const input = await openInput(eventsFile, io);
  if (input === undefined) return EXIT.usage;
  await transformStream(input, preset, settings, io);
  return EXIT.ok;
};

function arityProblem(positional: readonly string[]): string | undefined {
  if (positional.length === 0) return "run needs a .map file";
  if (positional.length > 2)
    return `run takes one .map file and at most one events file, got ${positional.length} paths`;
  if (positional[0] === "-") return "the preset must be a .map file, not standard input";
  return undefined;
}

/** Transforms each line as it is read and writes its redacted outcome, waiting whenever stdout is full. */
export async function transformStream(input: Readable, preset: Preset, settings: Settings, io: CliIO): Promise<void> {
  for await (const line of readJsonLines(input)) {
    const outcome = outcomeOf(line, preset, settings);
    if (!(await writeLine(io.stdout, JSON.stringify(outcome)))) {
      input.destroy();
      return;
    }
  }
}

function outcomeOf(line: JsonLine, preset: Preset, settings: Settings): unknown {
  if (!line.ok) {
    const outcome: ErrorOutcome = {
      messageId: null,
      outcome: "error",
      code: "invalid_event",
      message: `line ${line.line}: not valid JSON${line.problem}`,
    };
    return outcome;
  }
  return redactOutcome(preset.transform(line.value, settings), preset.meta, secretValues(preset.meta, settings));
}

async function loadOrReport(mapFile: string, io: CliIO, name?: string): Promise<Preset | undefined> {
  try {
    const ref = splitPresetRef(mapFile);
    return await loadPreset(resolve(io.cwd, ref.path), { preset: name ?? ref.preset });
  } catch (error) {
    if (error instanceof PresetCompileError) {
      io.stderr.write(`${error.rendered.trimEnd()}\n${mapFile}: does not compile; no event was read\n`);
    } else {
      io.stderr.write(`signal-map run: cannot load ${mapFile}: ${readProblem(error)}\n`);
    }
    return undefined;
  }
}

/** The validated settings, or one message listing every problem (never a secret's value) and undefined. */
async function settingsOrReport(preset: Preset, file: string | undefined, io: CliIO): Promise<Settings | undefined> {
  let input: unknown;
  if (file !== undefined) {
    try {
      input = JSON.parse(await readFile(resolve(io.cwd, file), "utf8"));
    } catch (error) {
      const what =
        error instanceof SyntaxError
          ? `is not valid JSON${whereInJson(error)}`
          : `cannot be read: ${readProblem(error)}`;
      io.stderr.write(`signal-map run: settings file ${file} ${what}\n`);
      return undefined;
    }
  }
  const checked = preset.validateSettings(input, io.env);
  if (checked.ok) return checked.settings;
  const list = checked.problems.map((problem) => `  - ${problem}\n`).join("");
  io.stderr.write(`signal-map run: the settings of ${preset.name} are not usable; no event was read:\n${list}`);
  return undefined;
}

/** The events file, or standard input for "-"; opened up front so a missing file is reported before anything runs. */
async function openInput(path: string, io: CliIO): Promise<Readable | undefined> {
  if (path === "-") return io.stdin;
  try {
    const handle = await open(resolve(io.cwd, path), "r");
    return handle.createReadStream({ encoding: "utf8" });
  } catch (error) {
    io.stderr.write(`signal-map run: cannot read ${path}: ${readProblem(error)}\n`);
    return undefined;
  }
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder, not a file";
  return error instanceof Error ? error.message : String(error);
}

function usage(io: CliIO, message: string): number {
  return usageError(io, "run", message, HELP);
}
