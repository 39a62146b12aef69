// Reads a secret from standard input: piped text as is, or typed at a terminal with nothing echoed.

import type { Readable } from "node:stream";
import type { OutputStream } from "../io.js";

interface TerminalInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** The value, trimmed (a pasted key's trailing newline is never meant); undefined when cancelled with Ctrl-C. */
export async function readSecretValue(
  stdin: Readable,
  stderr: OutputStream,
  label: string,
): Promise<string | undefined> {
  const terminal = stdin as TerminalInput;
  if (terminal.isTTY && typeof terminal.setRawMode === "function") return readHidden(terminal, stderr, label);
  let text = "";
  for await (const chunk of stdin)
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
  return text.trim();
}

// Raw mode turns off the terminal's echo: each key press arrives here and is never shown.
function readHidden(terminal: TerminalInput, stderr: OutputStream, label: string): Promise<string | undefined> {
  stderr.write(`Value for ${label} (typing is not shown; Enter to finish): `);
  terminal.setRawMode!(true);
  terminal.setEncoding("utf8");
  terminal.resume();
  return new Promise((resolve) => {
    let value = "";
    const finish = (result: string | undefined): void => {
      terminal.off("data", onData);
      terminal.setRawMode!(false);
      terminal.pause();
      stderr.write("\n");
      resolve(result === undefined ? undefined : result.trim());
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish(value);
        if (char === "\u0003") return finish(undefined);
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    terminal.on("data", onData);
  });
}
