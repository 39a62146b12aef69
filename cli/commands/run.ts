// `signal-map run FILE.map [--settings S.json] [EVENTS.jsonl or -]`: transform events offline, one outcome per line.

import { RunReport } from "./run-report.js";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { loadPreset, PresetCompileError } from "../../loader/load-preset.js";
import { splitPresetRef } from "../../loader/paths.js";
import type { ErrorOutcome, Outcome } from "../../runtime/outcome.js";
import type { Preset } from "../../runtime/preset.js";
import { outcomeJsonWriter, secretValues } from "../../runtime/redact.js";
import type { Settings } from "../../runtime/values.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { whereInJson } from "../../runtime/json-text.js";
import { readJsonLineBatches, writeLine, type JsonLine } from "../streams/json-lines.js";
import { usageError } from "../usage.js";
import { ioProblem, openEventsFile } from "../io-problems.js";
import { fromLineOption } from "./from-line.js";
import { notMapFileProblem } from "../map-file.js";

const HELP = `Usage: signal-map run FILE.map [--preset NAME] [--settings S.json] [--from-line K] [EVENTS.jsonl or -]

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
  --from-line K      skip the input lines before line K (line numbers count every line, as in outcomes)
  --help             show this help

Exit: 0 once every line has its outcome; 2 when the preset does not compile, the settings are not usable,
or a file cannot be read (reported before any event is read), or when the output cannot be written (a closed
pipe, a full disk): reading stops and the message names the line to resume from with --from-line.`;

const SPEC: ArgSpec = { flags: [], options: ["settings", "preset", "from-line"] };

export const runCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const fromLine = fromLineOption(args.options.get("from-line"));
  const problem = args.error ?? arityProblem(args.positional) ?? (typeof fromLine === "string" ? fromLine : undefined);
  if (problem !== undefined) return usage(io, problem);
  const [mapFile, eventsFile = "-"] = args.positional;
  const preset = await loadOrReport(mapFile, io, args.options.get("preset"));
  if (preset === undefined) return EXIT.usage;
  const settings = await settingsOrReport(preset, args.options.get("settings"), io);
  if (settings === undefined) return EXIT.usage;
  const input = await openInput(eventsFile, io);
  if (input === undefined) return EXIT.usage;
  const name = eventsFile === "-" ? "standard input" : eventsFile;
  return transformStream(input, preset, settings, io, typeof fromLine === "number" ? fromLine : 1, name);
};

function arityProblem(positional: readonly string[]): string | undefined {
  if (positional.length === 0) return "run needs a .map file";
  if (positional.length > 2)
    return `run takes one .map file and at most one events file, got ${positional.length} paths`;
  if (positional[0] === "-") return "the preset must be a .map file, not standard input";
  return undefined;
}

/**
 * Transforms each line as it is read and writes its redacted outcome, waiting whenever stdout is full. When the output
 * cannot be written, reading stops and the line from which outcomes may be missing is reported (exit 2).
 */
export async function transformStream(
  input: Readable,
  preset: Preset,
  settings: Settings,
  io: CliIO,
  fromLine = 1,
  name = "the input",
): Promise<number> {
  let written = fromLine - 1;
  let failure: Error | undefined;
  let first = true;
  let closed = false;
  let pretty = false;
  const file = name === "standard input" || name === "the input" ? undefined : name;
  const report = await RunReport.start(io, file, fromLine);
  // The secret values of these settings and their search, prepared once per run rather than once per line.
  const shown = outcomeJsonWriter(preset.meta, secretValues(preset.meta, settings));
  const out = outputBatch(
    io,
    (line, error) => (error ? (failure ??= error) : (written = Math.max(written, line))),
    // The output went away while the reader waited for input: stop reading.
    () => ((closed = true), input.destroy()),
  );
  try {
    await readAll();
  } catch (error) {
    if (!closed) throw error;
  }
  async function readAll(): Promise<void> {
    for await (const lines of readJsonLineBatches(input, fromLine)) {
      for (const line of lines) {
        if (failure !== undefined || io.output?.failed) return;
        if (first && prettyPrinted(line)) {
          input.destroy();
          report?.finish();
          io.stderr.write(
            `signal-map run: ${name} is not JSON Lines: line ${line.line} is "${line.text}" alone, as in pretty-printed JSON; write one event per line (e.g. \`jq -c . FILE\`)\n`,
          );
          pretty = true;
          return;
        }
        first = false;
        const outcome = outcomeOf(line, preset, settings);
        report?.add(outcome);
        // Waiting only when a write is under way: an await per line cost more than the line's JSON.
        const added = out.add(shown(outcome), line.line);
        if (added !== true && !(await added)) return;
      }
    }
  }
  if (pretty) return EXIT.usage;
  if (failure === undefined && !io.output?.failed && !closed) await out.flush();
  input.destroy();
  report?.finish();
  if (failure === undefined && !io.output?.failed) return EXIT.ok;
  if (failure !== undefined) io.output?.fail(failure);
  const what = io.output?.problem() ?? "cannot write the output";
  io.stderr.write(
    `signal-map run: ${what}; outcomes from line ${written + 1} on may be missing: resume with --from-line ${written + 1}\n`,
  );
  if (io.output) io.output.reported = true;
  return EXIT.usage;
}

const BATCH_BYTES = 64 * 1024;

/**
 * Outcome lines gathered into writes of about 64 KiB (one write per line cost more than the mapping). Whatever is
 * gathered is also written as soon as the reader waits for input (setImmediate runs only then), so a slow producer
 * still sees each outcome promptly. Writes complete in order, so the lines confirmed written are always a prefix of
 * the input: `confirmed` gets the last line of each write.
 */
function outputBatch(io: CliIO, confirmed: (line: number, error?: Error | null) => void, closed: () => void) {
  let parts: string[] = [];
  let size = 0;
  let last = 0;
  let scheduled = false;
  // A write made while the reader waited; the loop waits for it (and any drain it needs) before going on.
  let pending: Promise<boolean> | undefined;
  const write = (): Promise<boolean> => {
    const text = parts.join("\n");
    const line = last;
    parts = [];
    size = 0;
    return writeLine(io.stdout, text, (error) => confirmed(line, error));
  };
  const settled = async (): Promise<boolean> => {
    const ok = pending === undefined || (await pending);
    pending = undefined;
    return ok;
  };
  const flush = async (): Promise<boolean> => (await settled()) && (parts.length === 0 || write());
  const flushSoon = () => {
    scheduled = false;
    if (parts.length > 0 && pending === undefined && !io.output?.failed) {
      pending = write();
      void pending.then((ok) => ok || closed());
    }
  };
  const gather = (text: string, line: number): true | Promise<boolean> => {
    parts.push(text);
    size += text.length + 1;
    last = line;
    if (size >= BATCH_BYTES) return write();
    if (!scheduled) ((scheduled = true), setImmediate(flushSoon));
    return true;
  };
  return {
    flush,
    /** True when the line was only gathered; a promise of whether it was written when a write was due or under way. */
    add(text: string, line: number): true | Promise<boolean> {
      if (pending !== undefined) return settled().then((ok) => ok && gather(text, line));
      return gather(text, line);
    },
  };
}

/** A first line that is only "{" or "[": a pretty-printed JSON file, which would give an error for every line. */
function prettyPrinted(line: JsonLine): line is Extract<JsonLine, { ok: false }> {
  return !line.ok && (line.text === "{" || line.text === "[");
}

/** The outcome of one line, not yet redacted: a line that is not a JSON event gives an error naming its number. */
function outcomeOf(line: JsonLine, preset: Preset, settings: Settings): Outcome {
  if (!line.ok) {
    const outcome: ErrorOutcome = {
      messageId: null,
      outcome: "error",
      code: "invalid_event",
      message: line.notUtf8
        ? `line ${line.line}: not valid UTF-8 text`
        : `line ${line.line}: not valid JSON${line.problem}`,
    };
    return outcome;
  }
  return preset.transform(line.value, settings);
}

async function loadOrReport(mapFile: string, io: CliIO, name?: string): Promise<Preset | undefined> {
  const ref = splitPresetRef(mapFile);
  const notMap = await notMapFileProblem(ref.path, io.cwd);
  if (notMap !== undefined) {
    io.stderr.write(`signal-map run: ${notMap}\n`);
    return undefined;
  }
  try {
    return await loadPreset(resolve(io.cwd, ref.path), { preset: name ?? ref.preset });
  } catch (error) {
    if (error instanceof PresetCompileError) {
      io.stderr.write(`${error.rendered.trimEnd()}\n${mapFile}: does not compile; no event was read\n`);
    } else {
      io.stderr.write(`signal-map run: cannot load ${mapFile}: ${ioProblem(error)}\n`);
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
        error instanceof SyntaxError ? `is not valid JSON${whereInJson(error)}` : `cannot be read: ${ioProblem(error)}`;
      io.stderr.write(`signal-map run: settings file ${file} ${what}\n`);
      return undefined;
    }
    // As deliver: a file holding null, a list or a number is a mistake, not "no settings".
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      io.stderr.write(`signal-map run: settings file ${file} must hold a JSON object\n`);
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
    return await openEventsFile(resolve(io.cwd, path));
  } catch (error) {
    io.stderr.write(`signal-map run: cannot read ${path}: ${ioProblem(error)}\n`);
    return undefined;
  }
}

function usage(io: CliIO, message: string): number {
  return usageError(io, "run", message, HELP);
}
