// The options of `signal-map deliver`, checked and typed.

import type { ParsedArgs } from "../args.js";
import { fromLineOption } from "./from-line.js";

export interface DeliverCliOptions {
  readonly mapFile: string;
  /** "-" for standard input. */
  readonly eventsFile: string;
  readonly settingsFile?: string;
  readonly secretsFile?: string;
  readonly baseUrl?: string;
  readonly concurrency: number;
  readonly rateLimit?: number;
  readonly deadLetter?: string;
  readonly json: boolean;
  /** --from-line: input lines before it are skipped (1 when not given). */
  readonly fromLine: number;
  /** Which preset of a file with several (`--preset NAME`). */
  readonly preset?: string;
  /** The longest Retry-After waited out, in seconds (`--max-wait`); default 300. */
  readonly maxWaitSeconds?: number;
  /** How long an ambiguous request may still be applied, in seconds (`--ambiguity-window`); default 120. */
  readonly ambiguityWindowSeconds?: number;
  /** How long a batch waits for more events before it is sent, in ms (`--batch-wait`); default 200. */
  readonly batchWaitMs?: number;
  /** The most input read ahead of sending, in MiB (`--read-ahead`); default 16. */
  readonly readAheadMiB?: number;
  /** Connection failures in a row that stop the run (`--max-connection-failures`); default 5. */
  readonly maxConnectionFailures?: number;
}

export type ParsedDeliverOptions =
  { readonly ok: true; readonly options: DeliverCliOptions } | { readonly ok: false; readonly problem: string };

const MAX_CONCURRENCY = 256;

export function parseDeliverOptions(args: ParsedArgs): ParsedDeliverOptions {
  const { positional, options } = args;
  if (positional.length === 0) return fail("deliver needs a .map file");
  if (positional.length > 2)
    return fail(`deliver takes one .map file and at most one events file, got ${positional.length} paths`);
  if (positional[0] === "-") return fail("the preset must be a .map file, not standard input");
  const concurrency = wholeNumber(options.get("concurrency"), "--concurrency", 1, MAX_CONCURRENCY);
  if (typeof concurrency === "string") return fail(concurrency);
  const rateLimit = wholeNumber(options.get("rate-limit"), "--rate-limit", 1, 1_000_000);
  if (typeof rateLimit === "string") return fail(rateLimit);
  const fromLine = fromLineOption(options.get("from-line"));
  if (typeof fromLine === "string") return fail(fromLine);
  const maxWait = wholeNumber(options.get("max-wait"), "--max-wait", 0, 86_400);
  if (typeof maxWait === "string") return fail(maxWait);
  const ambiguity = wholeNumber(options.get("ambiguity-window"), "--ambiguity-window", 0, 86_400);
  if (typeof ambiguity === "string") return fail(ambiguity);
  const batchWait = wholeNumber(options.get("batch-wait"), "--batch-wait", 0, 60_000);
  if (typeof batchWait === "string") return fail(batchWait);
  const readAhead = wholeNumber(options.get("read-ahead"), "--read-ahead", 1, 4096);
  if (typeof readAhead === "string") return fail(readAhead);
  const maxFailures = wholeNumber(options.get("max-connection-failures"), "--max-connection-failures", 1, 1_000_000);
  if (typeof maxFailures === "string") return fail(maxFailures);
  const preset = options.get("preset");
  if (preset !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(preset))
    return fail(`--preset must be a preset name, got ${JSON.stringify(preset)}`);
  const baseUrl = options.get("base-url");
  if (baseUrl !== undefined && !isHttpUrl(baseUrl))
    return fail(`--base-url must be an http or https URL, got ${JSON.stringify(baseUrl)}`);
  return {
    ok: true,
    options: {
      mapFile: positional[0]!,
      eventsFile: positional[1] ?? "-",
      settingsFile: options.get("settings"),
      secretsFile: options.get("secrets-file"),
      baseUrl,
      concurrency: concurrency ?? 8,
      rateLimit,
      deadLetter: options.get("dead-letter"),
      json: args.flags.has("json"),
      fromLine: fromLine ?? 1,
      preset,
      maxWaitSeconds: maxWait,
      ambiguityWindowSeconds: ambiguity,
      batchWaitMs: batchWait,
      readAheadMiB: readAhead,
      maxConnectionFailures: maxFailures,
    },
  };
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | undefined | string {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    return `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`;
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

function fail(problem: string): ParsedDeliverOptions {
  return { ok: false, problem };
}
