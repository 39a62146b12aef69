// `signal-map emulator <integration> [--port N]`: runs the local emulator of any shipped integration.

import { runGenericEmulatorCommand } from "../../emulator/command.js";
import { emulatedIntegrations, findEmulator } from "../../emulator/registry.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";

export function emulatorHelp(): string {
  return `Usage: signal-map emulator INTEGRATION [options]

Runs a local API emulator of the integration on 127.0.0.1 until interrupted (Ctrl-C) and prints its base URL, for
\`signal-map deliver ... --base-url URL\`. Integrations: ${emulatedIntegrations().join(", ")}.
\`signal-map emulator INTEGRATION --help\` lists its options.
`;
}

export const emulatorCommand: Command = async (argv, io) => {
  const [which, ...rest] = argv;
  const known = emulatedIntegrations();
  if (which === "--help" || which === "-h") {
    io.stdout.write(emulatorHelp());
    return EXIT.ok;
  }
  if (which === undefined || !known.includes(which)) {
    const got = which === undefined ? "none was named" : `got ${JSON.stringify(which)}`;
    return usageError(io, "emulator", `name the API to emulate (${known.join(", ")}); ${got}`, emulatorHelp());
  }
  const module = await findEmulator(which);
  if (!module) return EXIT.usage;
  const commandIO = { ...io, signal: (io as { signal?: AbortSignal }).signal };
  if (module.runCommand) return module.runCommand(rest, commandIO);
  return runGenericEmulatorCommand(which, module, rest, commandIO);
};
