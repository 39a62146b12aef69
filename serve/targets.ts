// One configured integration as the worker drives it: transform the stored event with the current settings, send
// it once through the generic sender (which retries briefly in memory), and say whether the store should retry.

import type { RequestSender, SendContext, SendReport } from "../delivery/sender.js";
import { prepareEvent, type Prepared } from "../delivery/prepared.js";
import { onBase } from "../delivery/request-guard.js";
import { classifyAttempt } from "../delivery/retry-policy.js";
import type { HttpRequest, SendOutcome } from "../runtime/outcome.js";
import type { Preset } from "../runtime/preset.js";
import { redactOutcome, redactText, secretValues } from "../runtime/redact.js";
import type { Settings } from "../runtime/values.js";
import type { AttemptRecord, ClaimedRow, Store } from "../store/store.js";
import { attemptRows } from "./batch-attempt.js";
import type { AttemptResult, TargetResult, WorkerTarget } from "./worker.js";

/** An event the preset turned into a request, ready to send. */
export interface ReadyEvent {
  readonly prepared: Prepared;
  readonly outcome: SendOutcome;
  readonly secrets: readonly string[];
}

/** A row handed back to the store because the shared rate limit's wait is too long. */
export type RateHandBack = Extract<AttemptResult, { kind: "retry" }>;

/** A request that got a final report (after the sender's own short retries). */
export interface SentRequest {
  readonly report: SendReport;
  readonly at: number;
  readonly durationMs: number;
}

export interface TargetOptions {
  readonly name: string;
  readonly preset: Preset;
  settings: Settings;
  paused: boolean;
  readonly sender: RequestSender;
  /** The config's baseUrl, onto which the sender moves every request: the debugger shows the URL as it was sent. */
  readonly baseUrl?: string;
  /** The shared store, whose `acquireRate` keeps every process within the destination's limit. */
  readonly store: Store;
  /** The limit per credential shared by every process: the preset's declared one, or the config's override. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly now?: () => number;
  /** Called after each attempt with the HTTP status (or undefined for a network failure), for the state shown. */
  readonly onAttempt?: (status: number | undefined, error: string | undefined) => void;
  /** Called with each wait, in ms, on the shared rate limit (the rate-limit wait metric). */
  readonly onRateWait?: (ms: number) => void;
}

/** How long a lead waits after its credential was rejected before it is tried again. */
const CREDENTIAL_RETRY_MS = 60_000;

/**
 * Added to the shared window, as the in-process limiter adds its margin: a grant's time and the destination's count
 * time differ by the store's round trip and the send, so a strict window let limit + 2 requests into one of the
 * destination's clock minutes in the three-process test (spec/serve/scale-out.test.ts) on a loaded machine.
 */
const SHARED_WINDOW_MARGIN_MS = 1_000;

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

  /** Rows one request may carry: the largest `batch` of the preset's send blocks (1 when none batches). */
  get batchLimit(): number {
    return Math.max(1, ...(this.options.preset.meta.sends ?? []).map((send) => send.batch?.maxItems ?? 1));
  }

  async attempt(payload: string): Promise<TargetResult> {
    const ready = this.ready(payload);
    return "kind" in ready ? ready : this.sendAlone(ready);
  }

  /** One request per batch of these rows (each the head of its person's queue); one result per row, in order. */
  attemptBatch(rows: readonly ClaimedRow[]): Promise<TargetResult[]> {
    return attemptRows(this, rows);
  }

  /** The event transformed with the current settings: settled (dropped, a transform error) or ready to send. */
  ready(payload: string): TargetResult | ReadyEvent {
    const { preset, settings } = this.options;
    const secrets = secretValues(preset.meta, settings);
    const event: unknown = JSON.parse(payload);
    const prepared = prepareEvent(preset, event, settings);
    const outcome = prepared.outcome;
    if (outcome.outcome === "drop") return { kind: "dropped", detail: outcome.reason };
    if (outcome.outcome === "error") {
      return { kind: "failed", detail: redactText(`${outcome.code}: ${outcome.message}`, secrets) };
    }
    return { prepared, outcome, secrets };
  }

  /** Sends one event's own request. */
  async sendAlone(ready: ReadyEvent): Promise<TargetResult> {
    const { prepared, outcome, secrets } = ready;
    const context = { send: prepared.send, rateKey: prepared.rateKey, messageId: outcome.messageId };
    const sent = await this.sendRequest(outcome.request, context);
    if ("kind" in sent) return sent;
    const shown = redactOutcome(
      { ...outcome, request: this.asSent(outcome.request) },
      this.options.preset.meta,
      secrets,
    );
    const request = shown.outcome === "send" ? shown.request : undefined;
    return this.resultOf(sent.report, this.recordOf(sent, request, secrets), outcome.warnings);
  }

  /** Waits for the shared rate limit (or hands the row back) and sends one request, batched or not. */
  async sendRequest(request: HttpRequest, context: SendContext): Promise<SentRequest | RateHandBack> {
    const waited = await this.waitForRate(context.rateKey);
    if (waited !== undefined) return waited;
    const at = this.now();
    const report = await this.options.sender.send(request, context);
    const secrets = secretValues(this.options.preset.meta, this.options.settings);
    this.options.onAttempt?.(
      report.httpStatus,
      report.error === undefined ? undefined : redactText(report.error, secrets),
    );
    return { report, at, durationMs: this.now() - at };
  }

  /**
   * The request with the URL it went to: the preset's URL moved onto the config's baseUrl (an emulator, a test
   * endpoint), so the person watching the debugger sees where their lead really went, not the vendor's host. The path
   * and query stay exactly as the preset built them: parsing them again would re-encode characters (`'` as `%27`),
   * and a secret in the query would then escape the forms redaction looks for.
   */
  asSent(request: HttpRequest): HttpRequest {
    const base = this.options.baseUrl;
    const rest = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/is.exec(request.url)?.[1];
    const url = base && rest !== undefined ? onBase(base, rest) : undefined;
    return url === undefined ? request : { ...request, url };
  }

  /** What the debugger keeps of an attempt: `request` is already redacted. */
  recordOf(sent: SentRequest, request: unknown, secrets: readonly string[]): AttemptRecord {
    const { report } = sent;
    return {
      at: sent.at,
      durationMs: sent.durationMs,
      ...(report.httpStatus !== undefined ? { httpStatus: report.httpStatus } : {}),
      ...(report.error !== undefined ? { error: redactText(report.error, secrets) } : {}),
      request,
      ...(report.answer !== undefined ? { response: responseOf(report, secrets) } : {}),
      ...(report.personId !== undefined ? { destinationId: String(report.personId) } : {}),
    };
  }

  /** Whether the store should call the event delivered, try it again later, or give up. */
  resultOf(report: SendReport, record: AttemptRecord, warnings: readonly string[]): AttemptResult {
    if (report.status === "delivered")
      return { kind: "delivered", record, warnings: [...warnings, ...report.warnings] };
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

  get meta(): Preset["meta"] {
    return this.options.preset.meta;
  }

  /** Waits for the shared (cross-process) rate limit; a long wait hands the row back to the store instead. */
  private async waitForRate(rateKey: string | undefined): Promise<RateHandBack | undefined> {
    const limit = this.options.rateLimit;
    const acquire = this.options.store.acquireRate?.bind(this.options.store);
    if (limit === undefined || acquire === undefined || rateKey === undefined) return undefined;
    const deadline = this.now() + RATE_WAIT_BUDGET_MS;
    for (;;) {
      const decision = await acquire(rateKey, limit.limit, limit.windowMs + SHARED_WINDOW_MARGIN_MS, this.now());
      if (decision.ok) return undefined;
      if (decision.retryAtMs > deadline) {
        const record = { at: this.now(), durationMs: 0, error: "waiting on the destination's rate limit" };
        return { kind: "retry", record, retryAfterMs: decision.retryAtMs - this.now(), error: record.error };
      }
      const waitMs = Math.max(10, decision.retryAtMs - this.now());
      await new Promise((done) => setTimeout(done, waitMs));
      this.options.onRateWait?.(waitMs);
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
  // A 2xx on a failed event: the destination refused this event's item of an accepted batch; it would again.
  if (status >= 200 && status < 300) return false;
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
