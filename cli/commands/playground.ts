// `signal-map playground [--port N]`: serves the playground page on 127.0.0.1 until interrupted.

import { parseArgs } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";
import { describeStartFailure, stopRequested } from "../../emulator/command-parts.js";

export function playgroundHelp(): string {
  return `Usage: signal-map playground [--port N]

Serves a page on 127.0.0.1 where you edit a .map preset, an event, settings and a request schema (starting from a
shipped preset and its worked example). Diagnostics are computed in the browser as you type; the redacted
outcome comes from this server. Runs until interrupted (Ctrl-C). See docs/playground.md.

Options:
  --port N   port to listen on (default 0: any free port)
  --help     show this help
`;
}

export const playgroundCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, { flags: [], options: ["port"] });
  if (args.help) {
    io.stdout.write(playgroundHelp());
    return EXIT.ok;
  }
  if (args.error !== undefined) return usageError(io, "playground", args.error, playgroundHelp());
  if (args.positional.length > 0) {
    return usageError(io, "playground", `unexpected argument ${JSON.stringify(args.positional[0])}`, playgroundHelp());
  }
  const portText = args.options.get("port") ?? "0";
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    return usageError(io, "playground", `--port needs a number 0..65535, got ${portText}`, playgroundHelp());
  }
  const { startPlayground } = await import("../../playground/server.js");
  const started = await startPlayground({ port }).catch((error: unknown) => error as Error);
  if (started instanceof Error) {
    io.stderr.write(`signal-map playground: ${describeStartFailure(started)}\n`);
    return EXIT.usage;
  }
  io.stdout.write(`Playground on ${started.url}/ (Ctrl-C to stop)\n`);
  await stopRequested((io as { signal?: AbortSignal }).signal);
  await started.close();
  return EXIT.ok;
};
