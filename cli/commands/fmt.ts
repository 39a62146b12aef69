// `signal-map fmt [--check] FILE.map…`: rewrite .map files in the canonical layout, or list those that would change.

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatMapSource } from "../../fmt/format-map.js";
import { EXIT, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { usageError } from "../usage.js";
import { readMapSource } from "../map-file.js";

const HELP = `Usage: signal-map fmt [--check] FILE.map…

Rewrites each .map file in the canonical layout: statements indented by their place, arrows aligned within a block of
assignments, comments and line breaks kept, blank runs made one. Only whitespace changes.

Options:
  --check  change nothing; list the files that would change
  --help   show this help

Exit: 0 done (with --check: every file is formatted), 1 with --check when a file would change or a file does not
parse (it is left alone), 2 usage or a file that cannot be read.`;

const SPEC: ArgSpec = { flags: ["check"], options: [] };

export const fmtCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.ok;
  }
  if (args.error || args.positional.length === 0)
    return usageError(io, "fmt", args.error ?? "fmt needs at least one .map file", HELP);
  let exit: number = EXIT.ok;
  const raise = (code: number) => (exit = Math.max(exit, code));
  for (const file of args.positional) {
    const read = await readMapSource(file, io.cwd);
    if (!read.ok) {
      io.stderr.write(`signal-map fmt: ${read.problem}\n`);
      raise(EXIT.usage);
      continue;
    }
    const formatted = formatMapSource(read.source, file);
    if (formatted === undefined) {
      io.stderr.write(`signal-map fmt: ${file} does not parse; run signal-map check ${file} (left unchanged)\n`);
      raise(EXIT.errors);
    } else if (formatted !== read.source) {
      if (args.flags.has("check")) {
        io.stdout.write(`${file}\n`);
        raise(EXIT.errors);
      } else {
        await writeFile(resolve(io.cwd, file), formatted, "utf8");
        io.stdout.write(`formatted ${file}\n`);
      }
    }
  }
  return exit;
};
