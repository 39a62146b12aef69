#!/usr/bin/env node
// The `signal-map` executable: dispatches to one command per file, loaded only when it is used.

import { readFileSync } from "node:fs";
import type { CliIO, Command } from "./io.js";
import { EXIT } from "./io.js";
import { suggest } from "../diagnostics/suggest.js";
import { ioProblem, isSystemError } from "./io-problems.js";
import { settled, watchOutput } from "./output-failure.js";
import { takeWatchFlag, watchCommand, WATCHABLE } from "./watch.js";

type Loader = () => Promise<Command>;

const COMMANDS: Readonly<Record<string, { summary: string; load: Loader }>> = {
  check: {
    summary: "parse and check .map files; print diagnostics",
    load: async () => (await import("./commands/check.js")).checkCommand,
  },
  compile: {
    summary: "print or write the generated TypeScript module",
    load: async () => (await import("./commands/compile.js")).compileCommand,
  },
  run: {
    summary: "transform events offline, one outcome line per input line",
    load: async () => (await import("./commands/run.js")).runCommand,
  },
  test: {
    summary: "run the golden fixtures of presets",
    load: async () => (await import("./commands/test.js")).testCommand,
  },
  fmt: {
    summary: "rewrite .map files in the canonical layout (--check lists those that would change)",
    load: async () => (await import("./commands/fmt.js")).fmtCommand,
  },
  explain: {
    summary: "show how one event becomes its request: each field's rule and values, each rule that set nothing",
    load: async () => (await import("./commands/explain.js")).explainCommand,
  },
  init: {
    summary: "create a new integration folder: preset skeleton, schema, settings, FACTS.md, fixture, sample",
    load: async () => (await import("./commands/init.js")).initCommand,
  },
  deliver: {
    summary: "transform and deliver events; one result line per event",
    load: async () => (await import("./commands/deliver.js")).deliverCommand,
  },
  emulator: {
    summary: "run the local API emulator of an integration on 127.0.0.1",
    load: async () => (await import("./commands/emulator.js")).emulatorCommand,
  },
  secrets: {
    summary: "store credentials in an encrypted secrets file",
    load: async () => (await import("./commands/secrets.js")).secretsCommand,
  },
  serve: {
    summary: "run the live pipeline: collect over HTTP, store durably, deliver",
    load: async () => (await import("./commands/serve.js")).serveCommand,
  },
  replay: {
    summary: "re-queue the live pipeline's dead letters",
    load: async () => (await import("./commands/replay.js")).replayCommand,
  },
  lsp: {
    summary: "run the .map language server on stdin/stdout (for editors)",
    load: async () => (await import("./commands/lsp.js")).lspCommand,
  },
  demo: {
    summary: "deliver sample events to local emulators and show the result",
    load: async () => (await import("./commands/demo.js")).demoCommand,
  },
  playground: {
    summary: "serve a page on 127.0.0.1 to edit a .map file and see diagnostics and outcomes live",
    load: async () => (await import("./commands/playground.js")).playgroundCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: signal-map COMMAND [ARGS…]\n\nCommands:\n${lines.join("\n")}\n\nRun signal-map COMMAND --help for a command's options; check, run and test also take --watch. Colour is used on a\nterminal; --no-color or NO_COLOR turns it off, FORCE_COLOR turns it on through a pipe.`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  // `help check` is `check --help`.
  if (name === "help" && rest[0] !== undefined && COMMANDS[rest[0]] !== undefined) {
    return (await COMMANDS[rest[0]]!.load())(["--help"], io);
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage() + "\n");
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version") {
    io.stdout.write(version() + "\n");
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const guess = suggest(name, Object.keys(COMMANDS));
    const hint = guess === undefined ? "" : `; did you mean "${guess}"?`;
    const list = Object.keys(COMMANDS).join(", ");
    io.stderr.write(
      `signal-map: unknown command "${name}"${hint}\nUsage: signal-map COMMAND [ARGS…] (commands: ${list})\nRun signal-map --help for the commands.\n`,
    );
    return EXIT.usage;
  }
  // --no-color, anywhere after the command, is NO_COLOR for that command (cli/colour.ts).
  const plain = rest.includes("--no-color");
  const commandIo = plain ? { ...io, env: { ...io.env, NO_COLOR: "1" } } : io;
  try {
    const loaded = await command.load();
    const args = rest.filter((arg) => arg !== "--no-color");
    // `--watch` (check, run, test): re-run on every change until Ctrl-C; the commands themselves know nothing of it.
    const watching = takeWatchFlag(args);
    if (watching.watch && (WATCHABLE as readonly string[]).includes(name)) {
      const stop = new AbortController();
      process.once("SIGINT", () => stop.abort());
      return await watchCommand(loaded, watching.rest, commandIo, stop.signal);
    }
    return await loaded(args, commandIo);
  } catch (error) {
    // A file or stream failing mid-way (EIO, EISDIR, …) is one line and exit 2, never a stack trace.
    if (!isSystemError(error)) throw error;
    io.stderr.write(`signal-map ${name}: ${ioProblem(error)}${error.path ? ` (${error.path})` : ""}\n`);
    return EXIT.usage;
  }
}

// Output that cannot be written (`… | head`, a full disk) is recorded, not fatal: the command stops reading, says
// what was not written, and exits non-zero (2; deliver 3, like any incomplete delivery).
const output = watchOutput(process.stdout);
const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  output,
};
let code = await main(process.argv.slice(2), io);
await settled(process.stdout, output);
if (output.failed && !output.reported) {
  process.stderr.write(`signal-map: ${output.problem()}; the output is incomplete\n`);
}
if (output.failed && (code === EXIT.ok || code === EXIT.errors)) code = EXIT.usage;
process.exitCode = code;
