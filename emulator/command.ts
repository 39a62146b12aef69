// `signal-map emulator INTEGRATION`: runs the generic emulator of an integration until SIGINT or SIGTERM.

import {
  describeStartFailure,
  integerIn,
  parseFlags,
  shareOf,
  stopRequested,
  type ParsedFlags,
  type ValueFlag,
} from "./command-parts.js";
import { startGenericEmulator, type GenericEmulatorOptions } from "./generic.js";
import type { EmulatorCommandIO, EmulatorModule } from "./module.js";

export function genericEmulatorHelp(integration: string, module: EmulatorModule): string {
  const routes = (module.routes ?? []).map((route) => `${route.method} ${route.path}`).join(", ");
  const limit = module.rateLimit
    ? `${module.rateLimit.limit} per ${module.rateLimit.windowMs / 1000} s per account`
    : "none documented, so off";
  return `Usage: signal-map emulator ${integration} [options]

Runs a local ${module.title} API emulator on 127.0.0.1 until interrupted (Ctrl-C). Serves ${routes}; checks the
credential and every request body against the preset's request schema, and answers in ${module.title}'s documented
shapes.

Options:
  --port N               port to listen on (default 0: any free port)
  --rate-limit N         requests per account per window (default: ${limit}; 0 turns limiting off)
  --retry-after          send a Retry-After header on 429
  --failure-rate F       share 0..1 of requests answered 500/502/503 (default 0)
  --drop-rate F          share 0..1 of connections dropped without an answer (default 0)
  --seed N               seed for --failure-rate and --drop-rate (default 1)
  --latency MS           added delay before every answer (default 0)
  --max-requests N       requests kept in the record (default 10000)
  --help                 show this help
${module.demoCredential ? `\nCredential: "${module.demoCredential}", the emulator's own fixed fake demo value, which is why it is printed.\n` : ""}`;
}

const VALUE_FLAGS: Readonly<Record<string, ValueFlag<GenericEmulatorOptions>>> = {
  "--port": { option: "port", read: (text) => integerIn(text, 0, 65535) },
  "--rate-limit": { option: "rateLimit", read: (text) => integerIn(text, 0, Number.MAX_SAFE_INTEGER) },
  "--failure-rate": { option: "failureRate", read: shareOf },
  "--drop-rate": { option: "dropRate", read: shareOf },
  "--seed": { option: "seed", read: (text) => integerIn(text, 0, 2 ** 32 - 1) },
  "--latency": { option: "latencyMs", read: (text) => integerIn(text, 0, 600_000) },
  "--max-requests": { option: "maxRequests", read: (text) => integerIn(text, 1, 10_000_000) },
};

export function parseGenericEmulatorArgs(argv: readonly string[]): ParsedFlags<GenericEmulatorOptions> {
  return parseFlags(argv, VALUE_FLAGS);
}

/** Exit codes: 0 after a clean stop or --help, 2 for bad arguments or a port that cannot be opened. */
export async function runGenericEmulatorCommand(
  integration: string,
  module: EmulatorModule,
  argv: readonly string[],
  io: EmulatorCommandIO,
): Promise<number> {
  const parsed = parseGenericEmulatorArgs(argv);
  const help = genericEmulatorHelp(integration, module);
  if (!parsed.ok) {
    io.stderr.write(`signal-map emulator ${integration}: ${parsed.message}\n\n${help}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(help);
    return 0;
  }
  try {
    const emulator = await startGenericEmulator(integration, module, parsed.options);
    io.stdout.write(`${module.title} emulator listening on ${emulator.url}\n`);
    if (module.demoCredential) {
      io.stdout.write(
        `Test credential: ${module.demoCredential} (the emulator's own fake demo value; Ctrl-C stops it)\n`,
      );
    }
    await stopRequested(io.signal);
    await emulator.close();
    io.stdout.write(`${module.title} emulator stopped\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`signal-map emulator ${integration}: ${describeStartFailure(error)}\n`);
    return 2;
  }
}
