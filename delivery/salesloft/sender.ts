// Delivers Person upserts to Salesloft: rate-limited, retried, custom fields checked against the tenant first.

import { createHash } from "node:crypto";
import type { HttpRequest } from "../../runtime/outcome.js";
import { systemClock, type Clock } from "../clock.js";
import { HttpPools, type HttpAttempt } from "../http-pools.js";
import { RateLimiterRegistry, type RateLimiter } from "../rate-limiter.js";
import { sendWithRetries, type RetryLoopResult } from "../retry-loop.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../retry-policy.js";
import type { RequestSender, SendContext, SendReport } from "../sender.js";
import { explainHttpFailure, explainNetworkFailure } from "./advice.js";
import {
  CustomFieldCatalogCache,
  customFieldKeys,
  customFieldsNamedInError,
  listCustomFieldNames,
  missingFieldsWarning,
  readCatalogPage,
  rejectedFieldsWarning,
  isUnlistedFieldsWarning,
  unlistedFieldsWarning,
  withoutCustomFields,
  type CustomFieldCatalog,
} from "./custom-fields.js";
import { parseJson, readPersonId } from "./person-id.js";

export const SALESLOFT_BASE_URL = "https://api.salesloft.com";

export interface SalesloftSenderOptions {
  /** Replaces the origin (and adds any path prefix) of the preset's URL, e.g. the emulator's URL. */
  readonly baseUrl?: string;
  /** Connections per origin; match the pipeline's concurrency. Default 8. */
  readonly concurrency?: number;
  readonly policy?: RetryPolicy;
  /** Share one registry between senders so that every request with the same key counts against one limit. */
  readonly limiters?: RateLimiterRegistry;
  /** Share one cache between senders so the tenant's custom fields are listed once per key and base URL. */
  readonly catalogs?: CustomFieldCatalogCache;
  readonly clock?: Clock;
  readonly random?: () => number;
}

interface Target {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly limiter: RateLimiter;
  readonly context: SendContext;
}

export function createSalesloftSender(options: SalesloftSenderOptions = {}): RequestSender {
  return new SalesloftSender(options);
}

class SalesloftSender implements RequestSender {
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly limiters: RateLimiterRegistry;
  private readonly pools: HttpPools;
  private readonly catalogs: CustomFieldCatalogCache;

  constructor(private readonly options: SalesloftSenderOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.limiters = options.limiters ?? new RateLimiterRegistry({ clock: this.clock });
    this.pools = new HttpPools({ connections: options.concurrency ?? 8, timeoutMs: this.policy.attemptTimeoutMs });
    this.catalogs = options.catalogs ?? new CustomFieldCatalogCache(this.clock);
  }

  async send(request: HttpRequest, context: SendContext): Promise<SendReport> {
    const url = rebase(request.url, this.options.baseUrl);
    if (!url) return failedBeforeSending(`the request URL or --base-url is not a valid URL`);
    const credential = headerValue(request.headers, "authorization") ?? "";
    const target: Target = {
      url,
      headers: request.headers,
      limiter: this.limiters.forCredential(url.origin, credential),
      context,
    };
    const warnings: string[] = [];
    let body = await this.checkCustomFields(request.body, target, warnings);
    let run = await this.post(target, body);
    let attempts = run.attempts;
    let rateLimited = run.rateLimited;
    const rejected = rejectedCustomFields(run, body);
    if (rejected.length > 0) {
      // Salesloft rejected a field the catalog listed (or the catalog was unavailable): the lead matters more.
      warnings.push(rejectedFieldsWarning(rejected, statusOf(run) ?? 0));
      body = withoutCustomFields(body, rejected);
      run = await this.post(target, body);
      attempts += run.attempts;
      rateLimited += run.rateLimited;
    }
    const status = statusOf(run);
    // When the key itself is refused, the listing failed for the same reason: the error says it all.
    const relevant = status === 401 || status === 403 ? warnings.filter((w) => !isUnlistedFieldsWarning(w)) : warnings;
    return this.report(run, { attempts, rateLimited, warnings: relevant, url, customFields: rejected });
  }

  close(): Promise<void> {
    return this.pools.close();
  }

  private async checkCustomFields(body: unknown, target: Target, warnings: string[]): Promise<unknown> {
    if (customFieldKeys(body).length === 0) return body;
    const catalog = await this.catalogFor(target);
    if (catalog.kind === "unknown") {
      if (!target.context.stopSignal?.aborted) warnings.push(unlistedFieldsWarning(catalog.reason));
      return body;
    }
    const missing = customFieldKeys(body).filter((key) => !catalog.names.has(key));
    if (missing.length === 0) return body;
    warnings.push(missingFieldsWarning(missing));
    return withoutCustomFields(body, missing);
  }

  private catalogFor(target: Target): Promise<CustomFieldCatalog> {
    const credential = headerValue(target.headers, "authorization") ?? "";
    const key = createHash("sha256").update(target.url.origin).update("\0").update(credential).digest("hex");
    const load = () => listCustomFieldNames((page) => this.fetchCatalogPage(target, page));
    // An interrupted listing is not kept: the next run should list again rather than send fields unchecked.
    return this.catalogs.get(key, load, () => !target.context.stopSignal?.aborted);
  }

  private async fetchCatalogPage(target: Target, page: number) {
    const url = new URL(target.url.pathname.replace(/person_upserts(\.json)?$/, "custom_fields"), target.url);
    url.search = `field_type=person&per_page=100&page=${page}`;
    const headers = { authorization: headerValue(target.headers, "authorization") ?? "", accept: "application/json" };
    const run = await this.retrying(target, () =>
      this.pools.send({ url, method: "GET", headers, signal: target.context.cancelSignal }),
    );
    const last = run.last;
    if (!last || run.interrupted) return { error: "interrupted" };
    if (last.kind === "error") return { error: last.code ?? "request error" };
    if (last.answer.status !== 200) return { error: `HTTP ${last.answer.status}` };
    return readCatalogPage(parseJson(last.answer.bodyText));
  }

  private post(target: Target, body: unknown): Promise<RetryLoopResult> {
    const text = JSON.stringify(body ?? {});
    const headers = { accept: "application/json", ...target.headers };
    return this.retrying(target, () =>
      this.pools.send({ url: target.url, method: "POST", headers, body: text, signal: target.context.cancelSignal }),
    );
  }

  private retrying(target: Target, attempt: () => Promise<HttpAttempt>): Promise<RetryLoopResult> {
    const { policy, clock, random } = this;
    return sendWithRetries(attempt, {
      policy,
      clock,
      random,
      limiter: target.limiter,
      stopSignal: target.context.stopSignal,
    });
  }

  private report(run: RetryLoopResult, facts: ReportFacts): SendReport {
    const { attempts, rateLimited, warnings } = facts;
    const last = run.last;
    const httpStatus = last?.kind === "response" ? last.answer.status : undefined;
    const base = { attempts, rateLimited, warnings, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (last?.kind === "response" && httpStatus! >= 200 && httpStatus! < 300) {
      const personId = readPersonId(parseJson(last.answer.bodyText));
      if (personId === undefined) warnings.push(`Salesloft answered ${httpStatus} without a Person id in the body.`);
      return { status: "delivered", ...base, ...(personId !== undefined ? { personId } : {}), interrupted: false };
    }
    if (run.interrupted)
      return { status: "failed", ...base, error: interruptedMessage(last !== undefined), interrupted: true };
    const context = { attempts, url: facts.url, customFields: facts.customFields };
    const error = !last
      ? "no attempt was made"
      : last.kind === "error"
        ? explainNetworkFailure(last.code, last.message, context)
        : explainHttpFailure(last.answer.status, last.answer.bodyText, context);
    return { status: "failed", ...base, error, interrupted: false };
  }
}

interface ReportFacts {
  readonly attempts: number;
  readonly rateLimited: number;
  readonly warnings: string[];
  readonly url: URL;
  readonly customFields: readonly string[];
}

export function interruptedMessage(attempted: boolean): string {
  return attempted
    ? "interrupted before Salesloft gave a final answer; replaying the event is safe (the upsert is keyed on email)"
    : "interrupted before it was sent";
}

function rejectedCustomFields(run: RetryLoopResult, body: unknown): string[] {
  const status = statusOf(run);
  if (status !== 400 && status !== 422) return [];
  const last = run.last as Extract<HttpAttempt, { kind: "response" }>;
  return customFieldsNamedInError(last.answer.bodyText, customFieldKeys(body));
}

function statusOf(run: RetryLoopResult): number | undefined {
  return run.last?.kind === "response" ? run.last.answer.status : undefined;
}

function failedBeforeSending(error: string): SendReport {
  return { status: "failed", attempts: 0, rateLimited: 0, warnings: [], error, interrupted: false };
}

/** The preset's URL, moved onto `baseUrl` when one is given (keeping any path prefix of the base). */
export function rebase(requestUrl: string, baseUrl: string | undefined): URL | undefined {
  try {
    const original = new URL(requestUrl);
    if (!baseUrl) return original;
    const base = new URL(baseUrl);
    return new URL(base.pathname.replace(/\/+$/, "") + original.pathname + original.search, base.origin);
  } catch {
    return undefined;
  }
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}
