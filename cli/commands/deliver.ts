// `signal-map deliver FILE.map [EVENTS.jsonl or -]`: transform events and deliver them; one result line per event.

import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { openDeadLetter, type DeadLetter } from "../../delivery/dead-letter.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { readRawLines } from "../../delivery/input-events.js";
import { ReplayJournal } from "../../delivery/replay-journal.js";
import { RateLimiterRegistry } from "../../delivery/rate-limiter.js";
import { SummaryCounter, type DeliverySummary } from "../../delivery/results.js";
import { systemClock } from "../../delivery/clock.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import { findAdapter } from "../../delivery/registry.js";
import { DEFAULT_RETRY_POLICY } from "../../delivery/retry-policy.js";
import { loadPreset, PresetCompileError, splitPresetRef } from "../../loader/load-preset.js";
import type { Preset } from "../../runtime/preset.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type CliIO, type Command } from "../io.js";
import { parseDeliverOptions, type DeliverCliOptions } from "./deliver-options.js";
import { redacting } from "./deliver-output.js";
import { countsText, progressFor, summaryText } from "./deliver-progress.js";
import { watchedClock } from "../progress.js";
import type { Clock } from "../../delivery/clock.js";
import { resolveSettings } from "./deliver-settings.js";
import { interruptSignals } from "./interrupts.js";
import { usageError } from "../usage.js";
import { ioProblem, openEventsFile } from "../io-problems.js";
import { deadLetterIsInput, reportIncomplete, ResumeTracker } from "./deliver-resume.js";
import { skipLinesBefore } from "./from-line.js";
import { notMapFileProblem } from "../map-file.js";
import { DeliveryCircuit } from "./deliver-circuit.js";

export const DELIVER_HELP = `Usage: signal-map deliver FILE.map [options] [EVENTS.jsonl or -]

Transforms each event (one JSON object per line, from the file or from standard input) with the preset and
delivers exactly the requests it makes. Writes one JSON result per event to standard output, as each completes:
  {"messageId", "line", "status": "delivered"|"dropped"|"failed", "httpStatus", "attempts", "personId",
   "warnings": [...], "reason" (dropped), "error" (failed: what happened and how to fix it)}
and a summary to standard error. Events for the same person (the preset's order key) are delivered strictly in
input order; others run concurrently. 408, 429, 5xx answers, timeouts and dropped connections are retried with
backoff; the destination's rate limit (per credential) is respected up front. A request whose origin or path
differs from what the preset declares is refused: the credential goes nowhere else.

Options:
  --settings S.json     the preset's settings; a setting left out is read from the environment
                        (<INTEGRATION>_<SETTING>, e.g. ACME_API_KEY), then from the encrypted secrets file
  --secrets-file PATH   the secrets file (default: $SIGNAL_SECRETS_FILE or .signal-map/secrets.json)
  --preset NAME         the preset to use when FILE.map holds several
  --base-url URL        replace scheme, host and port of the preset's URLs (e.g. an emulator's URL)
  --concurrency N       requests on the wire at once (default 8)
  --rate-limit N        requests per credential per window (default: the integration's declared limit)
  --max-wait S          the longest Retry-After to wait out, in seconds (default 300); longer fails the event
  --ambiguity-window S  how long a destination may still apply a request that timed out or lost its connection,
                        in seconds (default 120): that person's next request waits until then
  --batch-wait MS       how long a batch waits for more events before it is sent (default 200)
  --read-ahead MIB      the most input read ahead of sending, in MiB (default 16; also at most 16 events per
                        concurrent request)
  --dead-letter FILE    append every event that ends failed, as its original line, so that the same command
                        can replay FILE later
  --from-line K         skip the input lines before line K, to resume a run that stopped early
  --max-connection-failures N
                        stop sending after N connection failures in a row (default 5); any 401 or 403
                        answer stops sending at once. What was not sent is kept (dead-letter, --from-line)
  --json                write the summary to standard error as one JSON object
  --help                show this help

Ctrl-C stops reading input, lets requests on the wire finish (up to 10 s; Ctrl-C again to stop at once) and
reports every event not delivered as failed ("interrupted").

When standard output cannot be written (a closed pipe, a full disk), reading stops as on Ctrl-C, and standard
error says how many events were not sent and how to resume (--from-line K, and the dead-letter file if given).

Exit: 0 when every event was delivered or dropped; 3 when any failed, or an interrupt, the fail-fast stop or
unwritable output left input unread;
2 for usage errors, a preset that does not compile, unusable settings or an unreadable file.`;

const SPEC: ArgSpec = {
  flags: ["json"],
  options: [
    "settings",
    "secrets-file",
    "base-url",
    "concurrency",
    "rate-limit",
    "dead-letter",
    "preset",
    "max-wait",
    "ambiguity-window",
    "batch-wait",
    "read-ahead",
    "from-line",
    "max-connection-failures",
  ],
};

export const deliverCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) {
    io.stdout.write(`${DELIVER_HELP}\n`);
    return EXIT.ok;
  }
  const parsed = args.error === undefined ? parseDeliverOptions(args) : { ok: false as const, problem: args.error };
  if (!parsed.ok) {
    return usageError(io, "deliver", parsed.problem, DELIVER_HELP);
  }
  return runDelivery(parsed.options, io);
};

async function runDelivery(options: DeliverCliOptions, io: CliIO): Promise<number> {
  let secrets: readonly string[] = [];
  const stderr = redacting(io.stderr, () => secrets);
  const preset = await loadOrReport(options.mapFile, options.preset, io.cwd, stderr);
  if (!preset) return EXIT.usage;
  const resolved = await resolveSettings(preset, { ...options, env: io.env, cwd: io.cwd });
  if (!resolved.ok) {
    const list = resolved.problems.map((problem) => `  - ${problem}\n`).join("");
    stderr.write(`signal-map deliver: the settings of ${preset.name} are not usable; nothing was sent:\n${list}`);
    return EXIT.usage;
  }
  secrets = resolved.secretValues;
  const input = await openInput(options.eventsFile, io, stderr);
  if (!input) return EXIT.usage;
  const sameAsInput = deadLetterIsInput(options, io.cwd, (io.stdin as { fd?: number }).fd);
  if (sameAsInput !== undefined) {
    input.destroy();
    stderr.write(`signal-map deliver: ${sameAsInput}\n`);
    return EXIT.usage;
  }
  const dead = options.deadLetter ? await openDeadLetterOrReport(options, io.cwd, stderr) : undefined;
  if (dead === null) return EXIT.usage;
  const resume = new ResumeTracker();
  const { deadLetter, journal } = dead ?? {};
  const circuit = new DeliveryCircuit(options.maxConnectionFailures);
  const job = {
    input,
    preset,
    settings: resolved.settings,
    secrets,
    deadLetter,
    journal,
    options,
    io,
    resume,
    circuit,
  };
  const summary = await deliverStream(job);
  input.destroy();
  await deadLetter?.close();
  await journal?.close();
  stderr.write(options.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, io));
  const stopped = circuit.message();
  if (stopped !== undefined) stderr.write(`signal-map deliver: ${stopped}\n`);
  const outputFailed = reportIncomplete(summary, resume, options.deadLetter, io.output, stderr, circuit.isOpen);
  // An interrupted run that left input unread has not delivered everything, even when nothing it read failed.
  return summary.failed > 0 || summary.stoppedEarly || outputFailed ? EXIT.deliveryFailed : EXIT.ok;
}

interface StreamJob {
  readonly input: Readable;
  readonly preset: Preset;
  readonly settings: Parameters<Preset["transform"]>[1];
  readonly secrets: readonly string[];
  readonly deadLetter: DeadLetter | undefined;
  readonly journal: ReplayJournal | undefined;
  readonly options: DeliverCliOptions;
  readonly io: CliIO;
  readonly resume: ResumeTracker;
  readonly circuit: DeliveryCircuit;
}

async function deliverStream(job: StreamJob): Promise<DeliverySummary> {
  const { options, io } = job;
  const stdout = redacting(io.stdout, () => job.secrets);
  const stderr = redacting(io.stderr, () => job.secrets);
  const progress = io.stderr.isTTY && !options.json ? await progressFor(options, io, stderr) : undefined;
  const shownStderr = progress ? progress.around(stderr) : stderr;
  const counter = new SummaryCounter();
  // Output that cannot be written stops reading like an interrupt: what is unread stays unread and resumable.
  // So does the fail-fast circuit opening.
  const external = [(io as { signal?: AbortSignal }).signal, io.output?.closed, job.circuit.signal].filter(
    (s) => s !== undefined,
  );
  const interrupts = interruptSignals(shownStderr, AbortSignal.any(external));
  const clock = progress ? watchedClock(systemClock, (ms) => progress.waitFor(ms)) : systemClock;
  const sender = await senderFor(job.preset, options, job.circuit, clock);
  try {
    return await deliverEvents(skipLinesBefore(readRawLines(job.input), options.fromLine, ""), {
      preset: job.preset,
      settings: job.settings,
      sender,
      concurrency: options.concurrency,
      ...(options.batchWaitMs !== undefined ? { batchWaitMs: options.batchWaitMs } : {}),
      ...(options.readAheadMiB !== undefined ? { maxReadAheadBytes: options.readAheadMiB * 1024 * 1024 } : {}),
      secrets: job.secrets,
      deadLetter: job.deadLetter,
      journal: job.journal,
      signal: interrupts.stop,
      forceSignal: interrupts.force,
      onResult: (result) => {
        job.resume.add(result);
        job.circuit.noteResult(result);
        stdout.write(`${JSON.stringify(result)}\n`);
        counter.add(result, 0);
        progress?.update(counter.current().total, countsText(counter.current()));
      },
    });
  } finally {
    progress?.stop();
    interrupts.dispose();
    await sender.close();
  }
}

/** The generic sender with the integration's adapter (when its folder has one) and its declared rate limit. */
async function senderFor(preset: Preset, options: DeliverCliOptions, circuit: DeliveryCircuit, clock: Clock) {
  const integration = preset.meta.integration as { name: string; rateLimit?: { limit: number; windowMs: number } };
  const factory = await findAdapter(integration.name);
  const policy = {
    ...DEFAULT_RETRY_POLICY,
    ...(options.maxWaitSeconds !== undefined ? { maxRetryAfterMs: options.maxWaitSeconds * 1000 } : {}),
    ...(options.ambiguityWindowSeconds !== undefined
      ? { ambiguityWindowMs: options.ambiguityWindowSeconds * 1000 }
      : {}),
  };
  return createHttpSender({
    adapter: factory?.({ clock: systemClock }),
    clock,
    baseUrl: options.baseUrl,
    concurrency: options.concurrency,
    limiters: new RateLimiterRegistry({ limitPerMinute: options.rateLimit }),
    rateLimit: integration.rateLimit,
    policy,
    onAttempt: (attempt) => circuit.observe(attempt),
  });
}

async function loadOrReport(
  mapFile: string,
  presetName: string | undefined,
  cwd: string,
  stderr: CliIO["stderr"],
): Promise<Preset | undefined> {
  const ref = splitPresetRef(mapFile);
  const notMap = await notMapFileProblem(ref.path, cwd);
  if (notMap !== undefined) {
    stderr.write(`signal-map deliver: ${notMap}\n`);
    return undefined;
  }
  try {
    const preset = presetName ?? ref.preset;
    return await loadPreset(resolve(cwd, ref.path), preset !== undefined ? { preset } : {});
  } catch (error) {
    if (error instanceof PresetCompileError) {
      stderr.write(`${error.rendered.trimEnd()}\n${mapFile}: does not compile; nothing was sent\n`);
    } else {
      stderr.write(`signal-map deliver: cannot load ${mapFile}: ${ioProblem(error)}\n`);
    }
    return undefined;
  }
}

async function openInput(path: string, io: CliIO, stderr: CliIO["stderr"]): Promise<Readable | undefined> {
  if (path === "-") return io.stdin;
  try {
    return await openEventsFile(resolve(io.cwd, path));
  } catch (error) {
    stderr.write(`signal-map deliver: cannot read ${path}: ${ioProblem(error)}\n`);
    return undefined;
  }
}

/** The dead-letter file and its journal (`FILE.journal`), which reads the input's journal when it is a dead-letter file. */
async function openDeadLetterOrReport(
  options: DeliverCliOptions,
  cwd: string,
  stderr: CliIO["stderr"],
): Promise<{ deadLetter: DeadLetter; journal: ReplayJournal } | null> {
  const path = options.deadLetter!;
  try {
    const input = options.eventsFile === "-" ? undefined : resolve(cwd, options.eventsFile);
    const journal = await ReplayJournal.open(resolve(cwd, path), input);
    return { deadLetter: await openDeadLetter(resolve(cwd, path)), journal };
  } catch (error) {
    stderr.write(`signal-map deliver: cannot open the dead-letter file ${path}: ${ioProblem(error)}\n`);
    return null;
  }
}
