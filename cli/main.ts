#!/usr/bin/env node
// The `signal-map` executable: dispatches to one command per file, loaded only when it is used.

import { readFileSync } from "node:fs";
import type { CliIO, Command } from "./io.js";
import { EXIT } from "./io.js";

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
  demo: {
    summary: "deliver sample events to local emulators and show the result",
    load: async () => (await import("./commands/demo.js")).demoCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: signal-map COMMAND [ARGS…]\n\nCommands:\n${lines.join("\n")}\n\nRun signal-map COMMAND --help for a command's options.`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
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
    io.stderr.write(`signal-map: unknown command "${name}"\n\n${usage()}\n`);
    return EXIT.usage;
  }
  return (await command.load())(rest, io);
}

const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
};
// A broken pipe (`signal-map run … | head`) ends output quietly instead of crashing.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2), io);
