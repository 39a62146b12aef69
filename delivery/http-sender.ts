// Sends exactly the request an outcome holds, for any destination: guarded, rate-limited, retried, and shaped by
// the integration's adapter where it has one.

import type { HttpRequest } from "../runtime/outcome.js";
import type { AdapterAnswer, AdapterTools, HelperResult, IntegrationAdapter, OutgoingRequest } from "./adapter.js";
import { GENERIC_INTERRUPTED, genericHttpFailure, genericNetworkFailure } from "./advice.js";
import { systemClock, type Clock } from "./clock.js";
import { HttpPools, type HttpAttempt } from "./http-pools.js";
import { RateLimiterRegistry, limiterKey, type RateLimiter } from "./rate-limiter.js";
import { guardRequest } from "./request-guard.js";
import { sendWithRetries, type RetryLoopResult } from "./retry-loop.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import type { RequestSender, SendContext, SendReport } from "./sender.js";

export interface HttpSenderOptions {
  /** The integration's adapter; without one every hook has its generic behaviour. */
  readonly adapter?: IntegrationAdapter;
  /** Replaces scheme, host and port (and adds any path prefix) of the preset's URLs, e.g. an emulator's URL. */
  readonly baseUrl?: string;
  /** Connections per origin; match the pipeline's concurrency. Default 8. */
  readonly concurrency?: number;
  readonly policy?: RetryPolicy;
  /** Share one registry between senders so that every request with the same credential counts against one limit. */
  readonly limiters?: RateLimiterRegistry;
  /** The module's declared `rate limit` (per credential); the adapter's is used when absent. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Told of every attempt's result (an answer or a connection error), retries included. */
  readonly onAttempt?: (result: HttpAttempt) => void;
}

interface Exchange {
  readonly limiter: RateLimiter;
  readonly context: SendContext;
}

export function createHttpSender(options: HttpSenderOptions = {}): RequestSender {
  return new HttpSender(options);
}

const BODYLESS = new Set(["GET", "DELETE", "HEAD"]);
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

class HttpSender implements RequestSender {
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly limiters: RateLimiterRegistry;
  private readonly pools: HttpPools;
  private readonly adapter: IntegrationAdapter | undefined;

  constructor(private readonly options: HttpSenderOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.limiters = options.limiters ?? new RateLimiterRegistry({ clock: this.clock });
    this.pools = new HttpPools({ connections: options.concurrency ?? 8, timeoutMs: this.policy.attemptTimeoutMs });
    this.adapter = options.adapter;
  }

  orderKey(request: HttpRequest): string | undefined {
    if (!this.adapter?.orderKey) return undefined;
    try {
      return this.adapter.orderKey(outgoing(request, new URL(request.url)));
    } catch {
      return undefined;
    }
  }

  async send(request: HttpRequest, context: SendContext): Promise<SendReport> {
    const guarded = guardRequest(request, context.send, this.options.baseUrl);
    if (!guarded.ok) return failedBeforeSending(`request refused for ${eventName(context)}: ${guarded.error}`);
    const url = guarded.url;
    const exchange: Exchange = { limiter: this.limiterFor(url, request, context), context };
    const warnings: string[] = [];
    let current = outgoing(request, url);
    if (this.adapter?.beforeSend) {
      const adjusted = await this.adapter.beforeSend(current, this.toolsFor(url, request, exchange));
      current = { ...adjusted.request, url };
      warnings.push(...adjusted.warnings);
    }
    let run = await this.attempt(exchange, current);
    let attempts = run.attempts;
    let rateLimited = run.rateLimited;
    let rejected: readonly string[] = [];
    const failed = finalFailure(run);
    const repaired = failed && this.adapter?.repair ? this.adapter.repair(current, failed) : undefined;
    if (repaired) {
      warnings.push(repaired.warning);
      rejected = repaired.rejected;
      current = { ...repaired.request, url };
      run = await this.attempt(exchange, current);
      attempts += run.attempts;
      rateLimited += run.rateLimited;
    }
    const status = statusOf(run);
    const keep = this.adapter?.keepWarning;
    const kept = keep ? warnings.filter((warning) => keep(warning, status)) : warnings;
    return this.report(run, { attempts, rateLimited, warnings: kept, url, rejected, items: context.batchItems });
  }

  close(): Promise<void> {
    return this.pools.close();
  }

  private limiterFor(url: URL, request: HttpRequest, context: SendContext): RateLimiter {
    const declared = this.options.rateLimit ?? this.adapter?.rateLimit;
    const key = context.rateKey ?? limiterKey(url.origin, credentialOf(request));
    return this.limiters.forKey(key, {
      ...(declared ? { limitPerMinute: declared.limit, windowMs: declared.windowMs } : {}),
      ...(this.adapter?.readRateLimit ? { readHeaders: (h) => this.adapter!.readRateLimit!(h) } : {}),
      maxWaitMs: this.policy.maxRetryAfterMs,
      clock: this.clock,
    });
  }

  private toolsFor(url: URL, request: HttpRequest, exchange: Exchange): AdapterTools {
    return {
      stopSignal: exchange.context.stopSignal,
      credentialKey: limiterKey(url.origin, credentialOf(request)),
      request: async (call): Promise<HelperResult> => {
        // A helper request carries the credential too: it may only go where the event's request goes.
        if (call.url.origin !== url.origin) return { kind: "error", reason: "refused: another origin" };
        const run = await this.retrying(
          exchange,
          () => this.pools.send({ ...call, signal: exchange.context.cancelSignal }),
          call.method,
        );
        const last = run.last;
        if (!last || run.interrupted) return { kind: "error", reason: "interrupted" };
        if (last.kind === "error") return { kind: "error", reason: last.code ?? "request error" };
        return { kind: "answer", answer: last.answer };
      },
    };
  }

  private attempt(exchange: Exchange, request: OutgoingRequest): Promise<RetryLoopResult> {
    const method = request.method.toUpperCase();
    const body = BODYLESS.has(method) || request.body === undefined ? undefined : JSON.stringify(request.body);
    const call = { url: request.url, method, headers: request.headers, body };
    return this.retrying(exchange, () => this.pools.send({ ...call, signal: exchange.context.cancelSignal }), method);
  }

  private retrying(exchange: Exchange, attempt: () => Promise<HttpAttempt>, method: string): Promise<RetryLoopResult> {
    const declared = this.options.rateLimit ?? this.adapter?.rateLimit;
    // A read changes nothing at the destination, so a timed-out one has nothing left to land: no ambiguity window.
    const reads = READS.has(method.toUpperCase());
    return sendWithRetries(attempt, {
      policy: reads ? { ...this.policy, ambiguityWindowMs: 0 } : this.policy,
      clock: this.clock,
      random: this.random,
      limiter: exchange.limiter,
      stopSignal: exchange.context.stopSignal,
      retryStatuses: this.adapter?.retryStatuses,
      ...(this.adapter?.retryAs ? { retryAs: (answer: AdapterAnswer) => this.adapter!.retryAs!(answer) } : {}),
      rateWindowMs: declared?.windowMs,
      ...(this.options.onAttempt ? { onAttempt: this.options.onAttempt } : {}),
    });
  }

  private report(run: RetryLoopResult, facts: ReportFacts): SendReport {
    const { attempts, rateLimited, warnings } = facts;
    const last = run.last;
    const httpStatus = last?.kind === "response" ? last.answer.status : undefined;
    const base = {
      attempts,
      rateLimited,
      warnings,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      // Only a failure can be unsettled: a 2xx last attempt leaves nothing pending.
      ...(run.unsettledUntil !== undefined ? { unsettledUntil: run.unsettledUntil } : {}),
    };
    if (last?.kind === "response" && httpStatus! >= 200 && httpStatus! < 300) {
      return { status: "delivered", ...base, ...this.success(last.answer, facts), interrupted: false };
    }
    if (run.interrupted) {
      const error = last !== undefined ? this.interruptedMessage() : "interrupted before it was sent";
      return { status: "failed", ...base, error, interrupted: true };
    }
    const context = { attempts, url: facts.url, rejected: facts.rejected };
    const error = !last
      ? "no attempt was made"
      : last.kind === "error"
        ? (this.adapter?.explainNetworkFailure?.(last.code, last.message, context) ??
          genericNetworkFailure(last.code, last.message, context))
        : (this.adapter?.explainHttpFailure?.(last.answer, context) ??
          genericHttpFailure(last.answer.status, last.answer.bodyText, context));
    const full = run.waitRefused ? `${error} Not retried: ${run.waitRefused}.` : error;
    const answer = last ? answerOf(last) : undefined;
    // A batch the server answered in part (some records rejected, the rest stored) has per-event results too.
    const items = answer && facts.items !== undefined ? this.adapter?.batchResults?.(answer, facts.items) : undefined;
    return {
      status: "failed",
      ...base,
      error: full,
      interrupted: false,
      ...(answer ? { answer } : {}),
      ...(items ? { items } : {}),
    };
  }

  private success(answer: AdapterAnswer, facts: ReportFacts): Partial<SendReport> {
    const read = this.adapter?.readId?.(answer);
    if (read?.missing) facts.warnings.push(read.missing);
    const items = facts.items !== undefined ? this.adapter?.batchResults?.(answer, facts.items) : undefined;
    return {
      ...(read?.id !== undefined ? { personId: read.id } : {}),
      ...(items ? { items } : {}),
      answer,
    };
  }

  private interruptedMessage(): string {
    return this.adapter?.interruptedMessage?.() ?? GENERIC_INTERRUPTED;
  }
}

interface ReportFacts {
  readonly attempts: number;
  readonly rateLimited: number;
  readonly warnings: string[];
  readonly url: URL;
  readonly rejected: readonly string[];
  readonly items: number | undefined;
}

function outgoing(request: HttpRequest, url: URL): OutgoingRequest {
  const method = request.method.toUpperCase();
  return {
    method,
    url,
    headers: request.headers,
    ...(BODYLESS.has(method) || request.body === undefined ? {} : { body: request.body }),
  };
}

function finalFailure(run: RetryLoopResult): AdapterAnswer | undefined {
  const last = run.last;
  if (run.interrupted || last?.kind !== "response") return undefined;
  return last.answer.status >= 200 && last.answer.status < 300 ? undefined : last.answer;
}

function answerOf(last: HttpAttempt): AdapterAnswer | undefined {
  return last.kind === "response" ? last.answer : undefined;
}

function statusOf(run: RetryLoopResult): number | undefined {
  return run.last?.kind === "response" ? run.last.answer.status : undefined;
}

function eventName(context: SendContext): string {
  return context.messageId ? `event ${JSON.stringify(context.messageId)}` : "an event without messageId";
}

/** The Authorization header: without a rate key from the module, requests with the same one share a limiter. */
function credentialOf(request: HttpRequest): string {
  const auth = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "authorization");
  return auth ? auth[1] : "";
}

function failedBeforeSending(error: string): SendReport {
  return { status: "failed", attempts: 0, rateLimited: 0, warnings: [], error, interrupted: false };
}
