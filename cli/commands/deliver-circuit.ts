// deliver's fail-fast circuit: N connection failures in a row, or any 401/403, stop sending; it says what to fix.

import type { HttpAttempt } from "../../delivery/http-pools.js";
import type { DeliveryResult } from "../../delivery/results.js";

export const DEFAULT_MAX_CONNECTION_FAILURES = 5;

/**
 * Watches every attempt (retries included). Once open, its signal is aborted: deliver stops reading and sending as
 * on Ctrl-C, so every event not yet delivered ends failed (dead-lettered when asked) and the run is resumable.
 */
export class DeliveryCircuit {
  private readonly controller = new AbortController();
  private consecutive = 0;
  private lastCode = "";
  private why: string | undefined;
  private advice: string | undefined;
  private rejectedStatus: number | undefined;

  constructor(private readonly maxConnectionFailures: number = DEFAULT_MAX_CONNECTION_FAILURES) {}

  /** Aborted when the circuit opens. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isOpen(): boolean {
    return this.why !== undefined;
  }

  observe(attempt: HttpAttempt): void {
    if (attempt.kind === "error") {
      // A cancelled attempt is our own doing (an interrupt), not the destination's.
      if (attempt.code === "ABORTED") return;
      this.consecutive += 1;
      this.lastCode = attempt.code ?? "error";
      if (this.consecutive >= this.maxConnectionFailures) {
        const times = `${this.consecutive} connection failure${this.consecutive === 1 ? "" : "s"} in a row`;
        this.open(`${times} (last: ${this.lastCode})`);
      }
      return;
    }
    this.consecutive = 0;
    const status = attempt.answer.status;
    if (status === 401 || status === 403) {
      this.rejectedStatus ??= status;
      this.open(`the destination answered ${status}: every other event would get the same answer`);
    }
  }

  /** Keeps the adapter's advice from the first result the rejection produced (its error says what to fix). */
  noteResult(result: DeliveryResult): void {
    if (this.advice !== undefined || result.status !== "failed") return;
    if (this.rejectedStatus !== undefined && result.httpStatus === this.rejectedStatus) this.advice = result.error;
  }

  /** What stderr says when the circuit opened, or undefined. */
  message(): string | undefined {
    if (this.why === undefined) return undefined;
    const fix =
      this.rejectedStatus !== undefined
        ? (this.advice ?? "Check the credential in the secret settings and its permissions.")
        : "Check that the destination is up and that --base-url (or the network) is right.";
    return `stopped sending after ${this.why}; events not delivered were not sent. To fix: ${fix}`;
  }

  private open(why: string): void {
    if (this.why !== undefined) return;
    this.why = why;
    this.controller.abort();
  }
}
