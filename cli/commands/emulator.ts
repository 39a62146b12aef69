// `signal-map emulator salesloft [--port N]`: runs the local Salesloft API emulator (see emulator/salesloft/command.ts).

import { EMULATOR_HELP, runEmulatorCommand } from "../../emulator/salesloft/command.js";
import { EXIT, type Command } from "../io.js";

const KNOWN = ["salesloft"];

export const emulatorCommand: Command = async (argv, io) => {
  const [which, ...rest] = argv;
  if (which === "--help" || which === "-h") {
    io.stdout.write(EMULATOR_HELP);
    return EXIT.ok;
  }
  if (which === undefined || !KNOWN.includes(which)) {
    const got = which === undefined ? "none was named" : `got ${JSON.stringify(which)}`;
    io.stderr.write(`signal-map emulator: name the API to emulate (${KNOWN.join(", ")}); ${got}\n\n${EMULATOR_HELP}`);
    return EXIT.usage;
  }
  return runEmulatorCommand(rest, { ...io, signal: (io as { signal?: AbortSignal }).signal });
};
