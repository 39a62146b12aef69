// `signal-map emulator salesloft`: run the emulator from the command line until SIGINT or SIGTERM.

import {
  describeStartFailure,
  integerIn,
  parseFlags,
  shareOf,
  stopRequested,
  type ParsedFlags,
  type ValueFlag,
} from "../../../emulator/command-parts.js";
import type { EmulatorCommandIO } from "../../../emulator/module.js";
import { startEmulator, type EmulatorOptions } from "./index.js";
import { DEFAULT_API_KEY, EmulatorOptionError, NO_PEOPLE_SCOPE_API_KEY } from "./options.js";

export type { EmulatorCommandIO };

export const EMULATOR_HELP = `Usage: signal-map emulator salesloft [options]

Runs a local Salesloft API emulator on 127.0.0.1 until interrupted (Ctrl-C).
Serves POST /v2/person_upserts, GET /v2/people and GET /v2/custom_fields (also with .json).

Options:
  --port N               port to listen on (default 0: any free port)
  --response-shape S     "seed" ({"data": {"id", ...}}, default) or "openapi" ({"data": {"person", "upsert_type"}})
  --rate-limit N         requests per team per minute (default 600; 0 turns limiting off)
  --retry-after          send a Retry-After header on 429 (Salesloft does not document one)
  --failure-rate F       share 0..1 of requests answered 500/502/503 (default 0)
  --drop-rate F          share 0..1 of connections dropped without an answer (default 0)
  --seed N               seed for --failure-rate and --drop-rate (default 1)
  --latency MS           added delay before every answer (default 0)
  --custom-fields LIST   the tenant's Person custom fields, comma-separated ("" for none; default
                         utm_source,utm_medium,utm_campaign,signal_landing_page,signup_method)
  --help                 show this help

API keys: "${DEFAULT_API_KEY}" (team "team-1", People scope) and "${NO_PEOPLE_SCOPE_API_KEY}" (same team, no People
scope: upserts get 403). They are the emulator's own fixed demo keys, fake values that work nowhere else, which is
why they are printed.
`;

const VALUE_FLAGS: Readonly<Record<string, ValueFlag<EmulatorOptions>>> = {
  "--port": { option: "port", read: (text) => integerIn(text, 0, 65535) },
  "--response-shape": {
    option: "responseShape",
    read: (text) => (text === "seed" || text === "openapi" ? text : undefined),
  },
  "--rate-limit": { option: "rateLimitPerMinute", read: (text) => integerIn(text, 0, Number.MAX_SAFE_INTEGER) },
  "--failure-rate": { option: "failureRate", read: (text) => shareOf(text) },
  "--drop-rate": { option: "dropRate", read: (text) => shareOf(text) },
  "--seed": { option: "seed", read: (text) => integerIn(text, 0, 2 ** 32 - 1) },
  "--latency": { option: "latencyMs", read: (text) => integerIn(text, 0, 600_000) },
  "--custom-fields": { option: "customFields", read: (text) => fieldNames(text) },
};

export function parseEmulatorArgs(argv: readonly string[]): ParsedFlags<EmulatorOptions> {
  return parseFlags(argv, VALUE_FLAGS);
}

/** "a, b" → ["a", "b"]; "" → [] (a tenant without custom fields); a name with spaces or quotes is refused. */
function fieldNames(text: string): string[] | undefined {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return names.every((name) => /^[A-Za-z0-9_.-]+$/.test(name)) ? names : undefined;
}

/** Exit codes: 0 after a clean stop or --help, 2 for bad arguments or a port that cannot be opened. */
export async function runEmulatorCommand(argv: readonly string[], io: EmulatorCommandIO): Promise<number> {
  const parsed = parseEmulatorArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`signal-map emulator salesloft: ${parsed.message}\n\n${EMULATOR_HELP}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(EMULATOR_HELP);
    return 0;
  }
  try {
    const emulator = await startEmulator(parsed.options);
    io.stdout.write(`Salesloft emulator listening on ${emulator.url}\n`);
    io.stdout.write(
      `Test API keys: ${DEFAULT_API_KEY}, and ${NO_PEOPLE_SCOPE_API_KEY} without the People scope (the emulator's own fake demo keys; Ctrl-C stops it)\n`,
    );
    await stopRequested(io.signal);
    await emulator.close();
    io.stdout.write("Salesloft emulator stopped\n");
    return 0;
  } catch (error) {
    const reason = error instanceof EmulatorOptionError ? error.message : describeStartFailure(error);
    io.stderr.write(`signal-map emulator salesloft: ${reason}\n`);
    return 2;
  }
}
