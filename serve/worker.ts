// The delivery loop of the live pipeline: claim due rows at the head of each person's queue, transform, send once,
// and record the result; retries are rows in the store with a due time, so a crash or restart loses none.

import type { AttemptRecord, ClaimedRow, Completion, Store } from "../store/store.js";

/** What one send attempt came to, as the transport reports it (request and response already redacted). */
export type AttemptResult =
  | { readonly kind: "delivered"; readonly record: AttemptRecord; readonly warnings: readonly string[] }
  | { readonly kind: "retry"; readonly record: AttemptRecord; readonly retryAfterMs?: number; readonly error: string }
  | { readonly kind: "failed"; readonly record: AttemptRecord; readonly error: string };

/** What became of one row: an attempt, or settled by the transform without one. */
export type TargetResult = AttemptResult | { readonly kind: "dropped" | "failed"; readonly detail: string };

/** One integration as the worker drives it. */
export interface WorkerTarget {
  readonly name: string;
  paused: boolean;
  /** Transforms the stored event with the current settings and sends it once; never throws. */
  attempt(payload: string, row: ClaimedRow): Promise<TargetResult>;
  /** Rows one request may carry (the preset's `batch`); absent or 1: one request per event. */
  readonly batchLimit?: number;
  /** For a batching target: sends these rows in as few requests as its batches allow; one result per row, in order. */
  attemptBatch?(rows: readonly ClaimedRow[]): Promise<TargetResult[]>;
}

export interface WorkerOptions {
  readonly store: Store;
  readonly targets: ReadonlyMap<string, WorkerTarget>;
  readonly owner: string;
  readonly concurrency: number;
  /** A row not finished within this is claimable again by another worker (a crashed process). */
  readonly leaseMs?: number;
  /** Events not delivered within this become dead letters. */
  readonly maxAgeMs: number;
  readonly retentionMs: number;
  readonly pollMs?: number;
  /** After a claim that did not fill a batch, how long a batching integration's next rows gather. Default 200. */
  readonly batchWaitMs?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly now?: () => number;
  readonly random?: () => number;
  readonly onCompleted?: (row: ClaimedRow, completion: Completion) => void;
  /** A store call failed (disk full, connection lost): the worker goes on, and the store is tried again. */
  readonly onError?: (what: string, error: unknown) => void;
}

/** Whether the worker claims a batch's worth of rows per request for this target. */
function batches(target: WorkerTarget): boolean {
  return target.attemptBatch !== undefined && (target.batchLimit ?? 1) > 1;
}

export class DeliveryWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private lastHousekeeping = 0;
  /** Per batching integration: no claim before this time (rows are gathering for the next batch). */
  private readonly gathering = new Map<string, number>();

  constructor(private readonly options: WorkerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** New events were stored: look for work now rather than at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Stops claiming; resolves when the attempts on the wire have finished (or `timeoutMs` passed). */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([drained, new Promise((done) => setTimeout(done, timeoutMs).unref())]);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.housekeeping();
        const started = await this.startWork();
        failures = 0;
        if (!started) await this.sleep();
      } catch (error) {
        // The loop must outlive a store that fails for a while; it waits longer after each failure in a row.
        this.options.onError?.("the delivery loop could not read the store", error);
        failures += 1;
        await this.sleep(Math.min(30_000, (this.options.pollMs ?? 250) * 2 ** Math.min(failures, 10)));
      }
    }
  }

  /** Claims what the free slots allow and starts it; false when nothing was started. */
  private async startWork(): Promise<boolean> {
    let free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return false;
    // A paused integration is not claimed from: its queue waits, in order, until it is resumed.
    const live = [...this.options.targets.values()].filter((t) => !t.paused);
    const single = live.filter((t) => !batches(t)).map((t) => t.name);
    const rows = single.length > 0 && free > 0 ? await this.claim(free, single) : [];
    for (const row of rows) this.track(this.deliver(row));
    free -= rows.length;
    let started = rows.length > 0;
    for (const target of live.filter(batches)) {
      // One slot per batch: each claim takes one request's worth of rows, each the head of its person's queue.
      while (free > 0 && (this.gathering.get(target.name) ?? 0) <= this.now()) {
        const limit = target.batchLimit!;
        const claimed = await this.claim(limit, [target.name]);
        if (claimed.length === 0) break;
        this.track(this.deliverBatch(target, claimed));
        free -= 1;
        started = true;
        // A claim that did not fill a batch lets the next rows gather a moment, so a trickle still batches.
        if (claimed.length < limit) this.gathering.set(target.name, this.now() + (this.options.batchWaitMs ?? 200));
      }
    }
    return started;
  }

  private claim(limit: number, integrations: readonly string[]): Promise<ClaimedRow[]> {
    const { store, owner, leaseMs } = this.options;
    return store.claim(owner, limit, this.now(), leaseMs ?? 60_000, integrations);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    // A result the store could not record leaves the row leased: it is claimed again once the lease runs out.
    const settled = work.catch((error) => this.options.onError?.("a delivery's result could not be stored", error));
    void settled.finally(() => {
      this.inFlight.delete(work);
      this.wake?.();
    });
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const target = this.options.targets.get(row.integration);
    const completion: Completion =
      target === undefined
        ? { state: "failed", detail: `integration "${row.integration}" is not configured any more` }
        : this.completionOf(row, await target.attempt(row.payload, row));
    await this.finish(row, completion);
  }

  /** Sends the rows in as few requests as the target's batches allow; completes each row with its own result. */
  private async deliverBatch(target: WorkerTarget, rows: readonly ClaimedRow[]): Promise<void> {
    const results = await target.attemptBatch!(rows);
    await Promise.all(rows.map((row, i) => this.finish(row, this.completionOf(row, results[i]!))));
  }

  private async finish(row: ClaimedRow, completion: Completion): Promise<void> {
    await this.options.store.complete(row.id, this.options.owner, completion, this.now());
    this.options.onCompleted?.(row, completion);
  }

  private completionOf(row: ClaimedRow, result: TargetResult): Completion {
    switch (result.kind) {
      case "delivered":
        return { state: "delivered", attempt: result.record, warnings: result.warnings };
      case "dropped":
        return { state: "dropped", detail: result.detail };
      case "retry": {
        const due = this.now() + this.backoffMs(row.attempts + 1, result.retryAfterMs);
        if (due - row.createdAt > this.options.maxAgeMs) {
          return {
            state: "dead",
            detail: `gave up after ${row.attempts + 1} attempts: ${result.error}`,
            attempt: result.record,
          };
        }
        return { state: "retry", nextAttemptAt: due, attempt: result.record };
      }
      case "failed":
        return "record" in result
          ? { state: "failed", detail: result.error, attempt: result.record }
          : { state: "failed", detail: result.detail };
    }
  }

  /** Exponential backoff with full jitter; a server's Retry-After is a floor. */
  private backoffMs(attempt: number, retryAfterMs?: number): number {
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1_000, maxMs: 600_000 };
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
    const jittered = Math.floor((this.options.random ?? Math.random)() * ceiling);
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  private async housekeeping(): Promise<void> {
    const now = this.now();
    if (now - this.lastHousekeeping < 10_000) return;
    this.lastHousekeeping = now;
    await this.options.store.expire(now, this.options.maxAgeMs);
    await this.options.store.prune(now - this.options.retentionMs);
  }

  private sleep(forMs?: number): Promise<void> {
    return new Promise((done) => {
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(this.timer);
        done();
      };
      const gatheringEnds = Math.min(...this.gathering.values()) - this.now();
      const pollMs = forMs ?? this.options.pollMs ?? 250;
      this.timer = setTimeout(() => this.wake?.(), gatheringEnds > 0 ? Math.min(pollMs, gatheringEnds) : pollMs);
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
