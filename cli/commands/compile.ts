// `signal-map compile FILE.map [-o OUT.ts]`: print or write the generated TypeScript module.

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { compile } from "../../compiler/index.js";
import { diagnosticsToJson } from "../../diagnostics/render.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { readSource, renderFile } from "./check.js";
import { usageError } from "../usage.js";
import { ioProblem } from "../io-problems.js";

const HELP = `Usage: signal-map compile FILE.map [--preset NAME] [-o OUT.ts] [--json]

Checks FILE.map and, when it has no errors, prints the generated TypeScript module (or writes it to OUT.ts).
The module default-exports definePreset(runtime) and type-checks under tsc --strict; the same input always gives
byte-identical output. Diagnostics go to stderr.

Options:
  --preset NAME    the preset to compile when FILE.map holds several (each preset is its own module)
  -o, --out FILE   write the module to FILE instead of stdout
  --json           print diagnostics as a JSON array (on stderr)
  --help           show this help

Exit: 0 compiled (warnings allowed), 1 errors, 2 usage or I/O.`;

const SPEC: ArgSpec = { flags: ["json"], options: ["out", "preset"], aliases: { "-o": "out" } };

export const compileCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.ok;
  }
  if (args.error || args.positional.length !== 1) {
    return usageError(io, "compile", args.error ?? "compile takes exactly one .map file", HELP);
  }
  const file = args.positional[0];
  const source = await readSource(file, io, "compile");
  if (source === undefined) return EXIT.usage;
  const result = await compile(source, { filename: file, preset: args.options.get("preset") });
  if (result.diagnostics.length > 0 || result.code === undefined) {
    const report = args.flags.has("json")
      ? JSON.stringify(diagnosticsToJson(result.diagnostics, source, file), null, 2) + "\n"
      : renderFile(result.diagnostics, source, file);
    io.stderr.write(report);
  }
  if (result.code === undefined) return EXIT.errors;
  return writeOutput(result.code, args.options.get("out"), io);
};

async function writeOutput(code: string, out: string | undefined, io: CliIO): Promise<number> {
  if (out === undefined) {
    io.stdout.write(code);
    return EXIT.ok;
  }
  try {
    await writeFile(resolve(io.cwd, out), code);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`signal-map compile: cannot write ${out}: ${ioProblem(error)}\n`);
    return EXIT.usage;
  }
}
