// `signal-map replay --config FILE [--row ID]…`: re-queues the live pipeline's dead letters.

import { resolve } from "node:path";
import { readServeConfig } from "../../serve/config.js";
import { openStore } from "../../store/open-store.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";

const HELP = `Usage: signal-map replay --config FILE.json [--row ID]

Re-queues dead letters of the pipeline whose config is FILE.json (all of them, or the outbox row ID), in their
original order per person. A dead letter whose person already has a later event delivered is not sent again: it is
marked superseded, so a replay never writes old data over new. A running serve picks the re-queued events up.`;

const SPEC: ArgSpec = { flags: [], options: ["config", "row"] };

export const replayCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) return (io.stdout.write(`${HELP}\n`), EXIT.ok);
  const configPath = args.options.get("config");
  if (args.error || configPath === undefined || args.positional.length > 0) {
    return usageError(io, "replay", args.error ?? "replay needs --config FILE.json", HELP);
  }
  const row = args.options.get("row");
  if (row !== undefined && !/^\d+$/.test(row)) return usageError(io, "replay", "--row takes a row id (a number)", HELP);
  const read = readServeConfig(resolve(io.cwd, configPath));
  if (!read.ok) {
    io.stderr.write(
      `signal-map replay: the config cannot be used:\n${read.problems.map((p) => `  - ${p}`).join("\n")}\n`,
    );
    return EXIT.usage;
  }
  const store = await openStore(read.config.store);
  try {
    const result = await store.replay(row === undefined ? "all-dead" : [Number(row)], Date.now());
    io.stdout.write(
      `${result.requeued} re-queued, ${result.superseded} superseded (a later event of the person was delivered)\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
};
