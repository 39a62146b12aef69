// `signal-map test [PATH…] [--update]`: run the golden fixture cases of presets and show a diff for each failure.

import { usageError } from "../usage.js";
import { EXIT, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { discoverCases, runCases } from "../testing/fixtures.js";
import { fixtureTarget } from "../testing/preset-target.js";
import type { FixtureTarget } from "../testing/fixtures.js";
import { loadPreset } from "../../loader/load-preset.js";
import { colourTestLine, testSummaryTable } from "../testing/test-output.js";
import { paletteFor } from "../colour.js";

const HELP = `Usage: signal-map test [PATH…] [--preset NAME] [--update]

Runs golden fixture cases: each tests/*.json beside a preset holds a description, settings, an event and the
expected outcome as printed. Every case gets a line (ok or FAIL); a failing case shows each differing key with the
expected and the actual value. The last line is "N passed, N failed".

PATH is a folder (every tests/ folder below it is searched), a preset's tests/ folder, one case file, or a .map
file (the cases in the tests/ folder beside it). Default: presets/

Options:
  --preset NAME  run the cases against preset NAME of their .map file (for a file holding several presets);
            a case that names its preset ("preset": "../FILE.map#NAME") keeps its own
  --update  rewrite "expect" of each failing case with the actual outcome (the rest of the file is kept);
            review the diff before committing
  --help    show this help

Exit: 0 all cases pass, 1 any case fails or no case was found, 2 usage or a path that does not exist.`;

const SPEC: ArgSpec = { flags: ["update"], options: ["preset"] };

export const testCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const problem =
    args.error ?? (args.positional.includes("-") ? "test reads fixture files, not standard input" : undefined);
  if (problem !== undefined) {
    return usageError(io, "test", problem, HELP);
  }
  const paths = args.positional.length > 0 ? args.positional : ["presets"];
  const { cases, missing } = await discoverCases(paths, io.cwd);
  if (missing.length > 0) {
    io.stderr.write(missing.map((path) => `signal-map test: no such file or folder: ${path}\n`).join(""));
    return EXIT.usage;
  }
  if (cases.length === 0) {
    io.stderr.write(
      `signal-map test: no fixture cases found in ${paths.join(", ")} (cases are .json files in a tests/ folder)\n`,
    );
    return EXIT.errors;
  }
  const colours = paletteFor(io.stdout, io.env);
  const report = (line: string) => io.stdout.write(`${colourTestLine(line, colours)}\n`);
  const name = args.options.get("preset");
  const summary = await runCases(cases, {
    load: (mapPath, preset) => loadFixtureTarget(mapPath, preset ?? name),
    update: args.flags.has("update"),
    report,
    cwd: io.cwd,
  });
  // On a terminal, a table on stderr too; stdout's last line stays "N passed, N failed".
  if (io.stderr.isTTY === true) io.stderr.write(testSummaryTable(summary, paletteFor(io.stderr, io.env)));
  return summary.failed > 0 ? EXIT.errors : EXIT.ok;
};

/** Each preset through loadPreset: the same compiled code as `run` and the pipeline. */
async function loadFixtureTarget(mapPath: string, preset?: string): Promise<FixtureTarget> {
  return fixtureTarget(await loadPreset(mapPath, { preset }));
}
