// The delivery pipeline: transform each input event with a preset and send what it asks for, in order per person.

import { setMaxListeners } from "node:events";
import type { SendOutcome } from "../runtime/outcome.js";
import { redactText } from "../runtime/redact.js";
import type { Settings } from "../runtime/values.js";
import { holdWhileUnsettled } from "./ambiguity.js";
import { Batcher, DEFAULT_BATCH_WAIT_MS } from "./batcher.js";
import { systemClock, type Clock } from "./clock.js";
import type { DeadLetter } from "./dead-letter.js";
import { asyncIteratorOf, inputBytes, originalLine, parseInputItem } from "./input-events.js";
import { OrderedScheduler } from "./ordered-scheduler.js";
import { prepareEvent, type PreparingPreset, type Prepared } from "./prepared.js";
import type { Position, ReplayJournal } from "./replay-journal.js";
import { notSent, resultOf, SummaryCounter, type DeliveryResult, type DeliverySummary } from "./results.js";
import { guardRequest } from "./request-guard.js";
import type { RequestSender, SendContext, SendReport } from "./sender.js";

/** The part of a loaded preset delivery uses (runtime/preset.ts's Preset has it). */
export type TransformingPreset = PreparingPreset;

export interface DeliverOptions {
  readonly preset: PreparingPreset;
  /** Validated settings, passed to every transform. */
  readonly settings: Settings;
  readonly sender: RequestSender;
  /** Requests on the wire at once. Default 8. */
  readonly concurrency?: number;
  /** Interrupt: stop reading input, let requests on the wire finish (up to `drainTimeoutMs`), fail the rest. */
  readonly signal?: AbortSignal;
  /** Default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Ends the bounded wait at once (a second Ctrl-C): requests on the wire are cancelled and reported interrupted. */
  readonly forceSignal?: AbortSignal;
  /** Called once per event, in completion order (not input order: each result carries its line). */
  readonly onResult?: (result: DeliveryResult) => void;
  readonly deadLetter?: DeadLetter;
  /** The dead-letter file's journal: replayed dead letters superseded by a later delivered event are skipped. */
  readonly journal?: ReplayJournal;
  /** Secret values (the API key) that must not appear in any result, whatever a server or library echoes. */
  readonly secrets?: readonly string[];
  readonly clock?: Clock;
  /** How long a batch waits for more events before it is sent. Default 200 ms. */
  readonly batchWaitMs?: number;
  /** Input bytes held by events read but not finished, at most (one event always fits). Default 16 MiB. */
  readonly maxReadAheadBytes?: number;
}

export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_READ_AHEAD_BYTES = 16 * 1024 * 1024;

/**
 * Delivers every event of `input` (JSON lines as strings, or event objects) and resolves with the summary once each
 * has exactly one result. Never rejects for bad input; every event that is not delivered or dropped ends failed.
 */
export async function deliverEvents(
  input: AsyncIterable<unknown> | Iterable<unknown>,
  options: DeliverOptions,
): Promise<DeliverySummary> {
  return new DeliveryRun(options).consume(input);
}

const STOP = Symbol("stop");

class DeliveryRun {
  private readonly clock: Clock;
  private readonly scheduler: OrderedScheduler;
  private readonly counter = new SummaryCounter();
  private readonly cancel = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private maxPending: number;
  private readonly batcher: Batcher;
  private readonly stopped: Promise<typeof STOP>;
  private linesRead = 0;
  private stoppedEarly = false;
  /** Input bytes of the events in `pending` (read, not finished): reading waits while it is at the cap. */
  private bytesHeld = 0;
  private readonly maxBytes: number;

  constructor(private readonly options: DeliverOptions) {
    this.clock = options.clock ?? systemClock;
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
    this.scheduler = new OrderedScheduler(concurrency);
    // Reading stays this far ahead of sending, so a large file is never held in memory whole.
    this.maxPending = Math.max(64, concurrency * 16);
    this.maxBytes = Math.max(1, options.maxReadAheadBytes ?? DEFAULT_MAX_READ_AHEAD_BYTES);
    // Every request on the wire and every wait listens to these signals; hundreds of listeners are expected.
    setMaxListeners(0, this.cancel.signal);
    if (options.signal) setMaxListeners(0, options.signal);
    this.stopped = new Promise((resolve) => {
      if (options.signal?.aborted) resolve(STOP);
      else options.signal?.addEventListener("abort", () => resolve(STOP), { once: true });
    });
    this.batcher = new Batcher(
      (request, items, send, rateKey) =>
        this.scheduler
          .withSlot(() => this.sendBatch(request, { send, rateKey, batchItems: items }))
          .then((report) => holdWhileUnsettled(report, this.clock, options.signal)),
      this.clock,
      options.batchWaitMs ?? DEFAULT_BATCH_WAIT_MS,
    );
    // An interrupt sends what is waiting in batches at once (they then end interrupted, or delivered if in time).
    void this.stopped.then(() => this.batcher.flushAll());
  }

  async consume(input: AsyncIterable<unknown> | Iterable<unknown>): Promise<DeliverySummary> {
    const startedAt = this.clock.now();
    await this.readAll(asyncIteratorOf(input));
    // Nothing more can join a batch: send them now rather than after their wait.
    this.batcher.flushAll();
    await this.drain();
    return this.counter.finish(this.clock.now() - startedAt, this.linesRead, this.stoppedEarly);
  }

  private async readAll(iterator: AsyncIterator<unknown>): Promise<void> {
    for (;;) {
      const next = this.options.signal?.aborted ? STOP : await Promise.race([iterator.next(), this.stopped]);
      if (next === STOP) {
        this.stoppedEarly = true;
        // Not awaited: an async generator would only return after the read it is blocked in.
        iterator.return?.().catch(() => undefined);
        return;
      }
      if (next.done) return;
      this.linesRead += 1;
      this.accept(next.value, this.linesRead);
      while (this.pending.size > 0 && (this.pending.size >= this.maxPending || this.bytesHeld >= this.maxBytes)) {
        if ((await Promise.race([...this.pending, this.stopped])) === STOP) break;
      }
    }
  }

  private accept(item: unknown, line: number): void {
    const parsed = parseInputItem(item, line);
    if (parsed.kind === "blank") return;
    const job =
      parsed.kind === "invalid"
        ? this.finish(
            item,
            { messageId: null, line, status: "failed", attempts: 0, warnings: [], error: parsed.error },
            0,
          )
        : this.handle(item, parsed.event, line);
    const bytes = inputBytes(item);
    this.bytesHeld += bytes;
    this.pending.add(job);
    void job.finally(() => {
      this.pending.delete(job);
      this.bytesHeld -= bytes;
    });
  }

  private async handle(item: unknown, event: unknown, line: number): Promise<void> {
    const prepared = this.prepare(event);
    const outcome = prepared.outcome;
    const messageId = outcome.messageId;
    if (outcome.outcome === "drop") {
      return this.finish(
        item,
        { messageId, line, status: "dropped", attempts: 0, warnings: [], reason: outcome.reason },
        0,
      );
    }
    if (outcome.outcome === "error") {
      const error = `${outcome.code}: ${outcome.message}`;
      return this.finish(item, { messageId, line, status: "failed", attempts: 0, warnings: [], error }, 0);
    }
    const orderKey = prepared.orderKey ?? this.options.sender.orderKey?.(outcome.request);
    const order = { key: orderKey, position: this.options.journal?.positionOf(line) };
    const batch = prepared.send?.batch;
    if (batch) this.maxPending = Math.max(this.maxPending, Math.min(10_000, batch.maxItems * 2));
    // Checked when the person's turn comes, after their earlier events have their final answers.
    const unlessSuperseded = (send: () => Promise<SendReport>) => (): Promise<SendReport | Position> => {
      const later = this.supersededBy(order.key, order.position);
      return later ? Promise.resolve(later) : send();
    };
    const report = batch
      ? await this.scheduler.run<SendReport | Position>(
          orderKey,
          unlessSuperseded(() => this.joinBatch(outcome, prepared)),
          false,
        )
      : await this.scheduler.run<SendReport | Position>(
          orderKey,
          // The slot is freed before an ambiguity hold: only this person waits (delivery/ambiguity.ts).
          unlessSuperseded(() => this.scheduler.withSlot(() => this.send(outcome, prepared)).then(this.hold(orderKey))),
          false,
        );
    if ("run" in report) {
      const reason = `superseded: a later event of this person was delivered (input line ${report.line} of run ${report.run})`;
      return this.finish(item, { messageId, line, status: "dropped", attempts: 0, warnings: [], reason }, 0);
    }
    if (report.status === "delivered" && order.key !== undefined && order.position)
      this.options.journal?.delivered(order.key, order.position);
    return this.finish(item, resultOf(outcome, report, line), report.rateLimited, order.key);
  }

  private hold(key: string | undefined): (report: SendReport) => Promise<SendReport> {
    return async (report) => (key === undefined ? report : holdWhileUnsettled(report, this.clock, this.options.signal));
  }

  private supersededBy(key: string | undefined, position: Position | undefined): Position | undefined {
    return key === undefined || position === undefined ? undefined : this.options.journal?.supersededBy(key, position);
  }

  /** The event waits in its batch; the batch's result is its own (the person's next event waits for it). */
  private joinBatch(outcome: SendOutcome, prepared: Prepared): Promise<SendReport> {
    if (this.options.signal?.aborted) return Promise.resolve(notSent("interrupted before it was sent", true));
    // Each request passes the guard before it joins a batch: a refused one fails alone, named.
    const guarded = guardRequest(outcome.request, prepared.send);
    if (!guarded.ok) {
      const name = outcome.messageId ? `event ${JSON.stringify(outcome.messageId)}` : "an event without messageId";
      return Promise.resolve(notSent(`request refused for ${name}: ${guarded.error}`, false));
    }
    return this.batcher.add(outcome.request, prepared.send!, prepared.rateKey);
  }

  private async sendBatch(request: SendOutcome["request"], context: Partial<SendContext>): Promise<SendReport> {
    if (this.options.signal?.aborted) return notSent("interrupted before it was sent", true);
    try {
      return await this.options.sender.send(request, {
        ...context,
        stopSignal: this.options.signal,
        cancelSignal: this.cancel.signal,
      });
    } catch (error) {
      return notSent(
        `internal: delivery failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        false,
      );
    }
  }

  private prepare(event: unknown): Prepared {
    return prepareEvent(this.options.preset, event, this.options.settings);
  }

  private async send(outcome: SendOutcome, prepared: Prepared): Promise<SendReport> {
    if (this.options.signal?.aborted) return notSent("interrupted before it was sent", true);
    try {
      return await this.options.sender.send(outcome.request, {
        stopSignal: this.options.signal,
        cancelSignal: this.cancel.signal,
        send: prepared.send,
        rateKey: prepared.rateKey,
        messageId: outcome.messageId,
      });
    } catch (error) {
      return notSent(
        `internal: delivery failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
        false,
      );
    }
  }

  private async finish(item: unknown, result: DeliveryResult, rateLimited: number, orderKey?: string): Promise<void> {
    let final = this.redacted(result);
    if (final.status === "failed" && this.options.deadLetter) {
      // Recorded in the same order as the lines are appended: the journal numbers dead letters as the file does.
      this.options.journal?.deadLettered(orderKey, this.options.journal.positionOf(result.line));
      try {
        // The dead letter is the input line byte for byte (so a replay sends exactly what came in); only a line that
        // holds a secret's value, which events never should, is redacted rather than kept.
        const line = originalLine(item);
        const secrets = this.options.secrets ?? [];
        await this.options.deadLetter.append(typeof line === "string" ? redactText(line, secrets) : line);
      } catch (error) {
        const reason = (error as { code?: string }).code ?? String(error);
        final = { ...final, warnings: [...final.warnings, `could not append to the dead-letter file (${reason})`] };
      }
    }
    this.counter.add(final, rateLimited);
    this.options.onResult?.(final);
  }

  private redacted(result: DeliveryResult): DeliveryResult {
    const secrets = this.options.secrets ?? [];
    if (secrets.length === 0) return result;
    const clean = (text: string): string => redactText(text, secrets);
    return {
      ...result,
      warnings: result.warnings.map(clean),
      ...(result.error !== undefined ? { error: clean(result.error) } : {}),
      ...(result.reason !== undefined ? { reason: clean(result.reason) } : {}),
    };
  }

  /** Waits for every event; after an interrupt, waits at most drainTimeoutMs before cancelling what is on the wire. */
  private async drain(): Promise<void> {
    if (!this.options.signal?.aborted) await Promise.race([Promise.allSettled([...this.pending]), this.stopped]);
    if (this.pending.size === 0) return;
    const timer = new AbortController();
    const force = this.options.forceSignal;
    const drainMs = this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    force?.addEventListener("abort", () => timer.abort(), { once: true });
    if (force?.aborted) timer.abort();
    await Promise.race([Promise.allSettled([...this.pending]), this.clock.sleep(drainMs, timer.signal)]);
    timer.abort();
    if (this.pending.size > 0) this.cancel.abort();
    await Promise.allSettled([...this.pending]);
  }
}
