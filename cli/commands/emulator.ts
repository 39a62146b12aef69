// `signal-map emulator salesloft [--port N]`: runs the local Salesloft API emulator (see emulator/salesloft/command.ts).

import { EMULATOR_HELP, runEmulatorCommand } from "../../emulator/salesloft/command.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";

const KNOWN = ["salesloft"];

export const emulatorCommand: Command = async (argv, io) => {
  const [which, ...rest] = argv;
  if (which === "--help" || which === "-h") {
    io.stdout.write(EMULATOR_HELP);
    return EXIT.ok;
  }
  if (which === undefined || !KNOWN.includes(which)) {
    const got = which === undefined ? "none was named" : `got ${JSON.stringify(which)}`;
    return usageError(io, "emulator", `name the API to emulate (${KNOWN.join(", ")}); ${got}`, EMULATOR_HELP);
  }
  return runEmulatorCommand(rest, { ...io, signal: (io as { signal?: AbortSignal }).signal });
};
