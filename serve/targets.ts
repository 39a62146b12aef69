// One configured integration as the worker drives it: transform the stored event with the current settings, send
// it once through the generic sender (which retries briefly in memory), and say whether the store should retry.

import type { RequestSender, SendReport } from "../delivery/sender.js";
import { prepareEvent } from "../delivery/prepared.js";
import { classifyAttempt } from "../delivery/retry-policy.js";
import type { Preset } from "../runtime/preset.js";
import { redactOutcome, redactText, secretValues } from "../runtime/redact.js";
import type { Settings } from "../runtime/values.js";
import type { AttemptRecord, ClaimedRow, Store } from "../store/store.js";
import type { AttemptResult, WorkerTarget } from "./worker.js";

export interface TargetOptions {
  readonly name: string;
  readonly preset: Preset;
  settings: Settings;
  paused: boolean;
  readonly sender: RequestSender;
  /** The shared store, whose `acquireRate` keeps every process within the destination's limit. */
  readonly store: Store;
  /** The limit per credential shared by every process: the preset's declared one, or the config's override. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly now?: () => number;
  /** Called after each attempt with the HTTP status (or undefined for a network failure), for the state shown. */
  readonly onAttempt?: (status: number | undefined, error: string | undefined) => void;
}

/** How long a lead waits after its credential was rejected before it is tried again. */
const CREDENTIAL_RETRY_MS = 60_000;

/** Longest a claimed row waits in memory for the shared rate limit before it is handed back to the store. */
const RATE_WAIT_BUDGET_MS = 20_000;

export class IntegrationTarget implements WorkerTarget {
  readonly name: string;
  paused: boolean;

  constructor(private readonly options: TargetOptions) {
    this.name = options.name;
    this.paused = options.paused;
  }

  get preset(): Preset {
    return this.options.preset;
  }

  get settings(): Settings {
    return this.options.settings;
  }

  /** New settings apply from the next attempt on (the integrations page edits them). */
  updateSettings(settings: Settings): void {
    this.options.settings = settings;
  }

  async attempt(
    payload: string,
    row: ClaimedRow,
  ): Promise<AttemptResult | { kind: "dropped" | "failed"; detail: string }> {
    const { preset, settings } = this.options;
    const secrets = secretValues(preset.meta, settings);
    const event: unknown = JSON.parse(payload);
    const prepared = prepareEvent(preset, event, settings);
    const outcome = prepared.outcome;
    if (outcome.outcome === "drop") return { kind: "dropped", detail: outcome.reason };
    if (outcome.outcome === "error") {
      return { kind: "failed", detail: redactText(`${outcome.code}: ${outcome.message}`, secrets) };
    }
    const waited = await this.waitForRate(prepared.rateKey);
    if (waited !== undefined) return waited;
    const started = this.now();
    const report = await this.options.sender.send(outcome.request, {
      send: prepared.send,
      rateKey: prepared.rateKey,
      messageId: outcome.messageId,
    });
    const shown = redactOutcome(outcome, preset.meta, secrets);
    const record: AttemptRecord = {
      at: started,
      durationMs: this.now() - started,
      ...(report.httpStatus !== undefined ? { httpStatus: report.httpStatus } : {}),
      ...(report.error !== undefined ? { error: redactText(report.error, secrets) } : {}),
      request: shown.outcome === "send" ? shown.request : undefined,
      ...(report.answer !== undefined ? { response: responseOf(report, secrets) } : {}),
      ...(report.personId !== undefined ? { destinationId: String(report.personId) } : {}),
    };
    this.options.onAttempt?.(report.httpStatus, record.error);
    if (report.status === "delivered")
      return { kind: "delivered", record, warnings: [...outcome.warnings, ...report.warnings] };
    const error = record.error ?? `HTTP ${report.httpStatus ?? "error"}`;
    // A rejected credential is the integration's problem, not the event's: the lead waits (in order) until the key is
    // fixed on the integrations page, instead of failing like every lead after it would.
    if (report.httpStatus === 401 || report.httpStatus === 403) {
      return { kind: "retry", record, error, retryAfterMs: CREDENTIAL_RETRY_MS };
    }
    if (!retryable(report)) return { kind: "failed", record, error };
    // The last attempt may still be applied: the row, at its person's head, is not due before that can no longer
    // happen, so neither it nor the person's next event can be overtaken by it (docs/serve.md).
    const unsettled = report.unsettledUntil !== undefined ? Math.max(0, report.unsettledUntil - this.now()) : undefined;
    return { kind: "retry", record, error, ...(unsettled !== undefined ? { retryAfterMs: unsettled } : {}) };
  }

  /** Waits for the shared (cross-process) rate limit; a long wait hands the row back to the store instead. */
  private async waitForRate(rateKey: string | undefined): Promise<AttemptResult | undefined> {
    const limit = this.options.rateLimit;
    const acquire = this.options.store.acquireRate?.bind(this.options.store);
    if (limit === undefined || acquire === undefined || rateKey === undefined) return undefined;
    const deadline = this.now() + RATE_WAIT_BUDGET_MS;
    for (;;) {
      const decision = await acquire(rateKey, limit.limit, limit.windowMs, this.now());
      if (decision.ok) return undefined;
      if (decision.retryAtMs > deadline) {
        const record = { at: this.now(), durationMs: 0, error: "waiting on the destination's rate limit" };
        return { kind: "retry", record, retryAfterMs: decision.retryAtMs - this.now(), error: record.error };
      }
      await new Promise((done) => setTimeout(done, Math.max(10, decision.retryAtMs - this.now())));
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** Worth trying again later: no answer at all, or an answer delivery's retry policy calls transient or throttled. */
function retryable(report: SendReport): boolean {
  const status = report.httpStatus;
  if (status === undefined) return true;
  return classifyAttempt({ kind: "response", status, headers: {} }) !== "permanent";
}

function responseOf(report: SendReport, secrets: readonly string[]): unknown {
  const answer = report.answer as { status?: number; bodyText?: string } | undefined;
  const text = answer?.bodyText === undefined ? undefined : redactText(answer.bodyText.slice(0, 4_000), secrets);
  if (text === undefined) return undefined;
  try {
    return { status: answer?.status, body: JSON.parse(text) };
  } catch {
    return { status: answer?.status, body: text };
  }
}
