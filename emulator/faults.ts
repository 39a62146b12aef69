// Injected trouble: scripted answers for the next upserts, and seeded random drops and server errors.

import { createPrng } from "./prng.js";
import { DROP, jsonReply, type Reply } from "./replies.js";

/**
 * A scripted answer for the next request: a status (with optional body and headers), a dropped connection, or a
 * delay (`{"delayMs": N}`): the request is held N ms and only then handled and applied, whatever the client did
 * meanwhile — a client that timed out finds its update landing later.
 */
export type ScriptedAnswer =
  | { readonly delayMs: number }
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | "drop";

/** The body an injected failure gets when the script gives none: the destination's own error shape. */
export type ErrorBody = (status: number) => unknown;

const SERVER_ERROR_STATUSES = [500, 502, 503] as const;

export interface FaultRates {
  readonly failureRate: number;
  readonly dropRate: number;
}

export class FaultInjector {
  private scripted: ScriptedAnswer[] = [];
  private random: () => number;

  constructor(
    private seed: number,
    private readonly errorBody: ErrorBody,
  ) {
    this.random = createPrng(seed);
  }

  /** Appends to the script; answers are used in order, one per request the destination's module scripts. */
  enqueue(answers: readonly ScriptedAnswer[]): void {
    this.scripted.push(...answers);
  }

  /** Restarts the random sequence, so the same seed gives the same failures again. */
  reseed(seed: number = this.seed): void {
    this.seed = seed;
    this.random = createPrng(seed);
  }

  /** Forgets the script and restarts the random sequence. */
  reset(): void {
    this.scripted = [];
    this.reseed();
  }

  pendingScripted(): number {
    return this.scripted.length;
  }

  /** The next scripted answer as a reply, or undefined when the script is used up. */
  takeScripted(): Reply | undefined {
    const answer = this.scripted.shift();
    if (answer === undefined) return undefined;
    if (answer === "drop") return DROP;
    if ("delayMs" in answer) return { kind: "defer", ms: answer.delayMs };
    const body = answer.body !== undefined ? answer.body : answer.status >= 400 ? this.errorBody(answer.status) : null;
    return jsonReply(answer.status, body, { ...answer.headers });
  }

  /**
   * Decides whether this request is dropped or failed. Two draws are made for every request whatever the rates, so
   * the sequence of decisions for a seed does not shift when a rate changes mid-run.
   */
  roll(rates: FaultRates): Reply | undefined {
    const dropDraw = this.random();
    const failureDraw = this.random();
    if (dropDraw < rates.dropRate) return DROP;
    if (failureDraw < rates.failureRate) {
      // Reuse the failure draw (scaled within its hit range) to pick the status, keeping two draws per request.
      const index = Math.floor((failureDraw / rates.failureRate) * SERVER_ERROR_STATUSES.length);
      const status = SERVER_ERROR_STATUSES[Math.min(index, SERVER_ERROR_STATUSES.length - 1)];
      return jsonReply(status, this.errorBody(status));
    }
    return undefined;
  }
}
