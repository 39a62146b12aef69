// `signal-map lsp`: the language server on stdin and stdout, for VS Code, Neovim or any LSP client.

import { EXIT, type CliIO, type Command } from "../io.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { usageError } from "../usage.js";

const HELP = `Usage: signal-map lsp [--stdio]

Runs the .map language server, speaking the Language Server Protocol on stdin and stdout: diagnostics as you type,
hover, completion and go to definition. An editor starts it; see docs/editor.md.

Options:
  --stdio   talk over stdin and stdout (the default and only transport; accepted because clients pass it)
  --help    show this help`;

const SPEC: ArgSpec = { flags: ["stdio"], options: [] };

export const lspCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.ok;
  }
  if (args.error || args.positional.length > 0) {
    return usageError(io, "lsp", args.error ?? "lsp takes no file: an editor sends the documents", HELP);
  }
  return serve(io);
};

// The protocol owns stdout from here: the server runs until the client ends the session (the library exits then).
async function serve(io: CliIO): Promise<number> {
  const { startServer } = await import("../../lsp/server.js");
  const connection = startServer(io.stdin, io.stdout as unknown as NodeJS.WritableStream, { cwd: io.cwd });
  return new Promise<number>((done) => connection.onExit(() => done(EXIT.ok)));
}
