// Injected trouble: scripted answers for the next upserts, and seeded random drops and server errors.

import type { ScriptedAnswer } from "./options.js";
import { createPrng } from "./prng.js";
import { DROP, defaultErrorBody, jsonReply, type Reply } from "./replies.js";

const SERVER_ERROR_STATUSES = [500, 502, 503] as const;

export interface FaultRates {
  readonly failureRate: number;
  readonly dropRate: number;
}

export class FaultInjector {
  private scripted: ScriptedAnswer[] = [];
  private random: () => number;

  constructor(private seed: number) {
    this.random = createPrng(seed);
  }

  /** Appends to the script; answers are used in order, one per upsert request. */
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
    const body =
      answer.body !== undefined ? answer.body : answer.status >= 400 ? defaultErrorBody(answer.status) : null;
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
      return jsonReply(status, defaultErrorBody(status));
    }
    return undefined;
  }
}
