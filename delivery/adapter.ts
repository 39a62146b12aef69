// The interface an integration's optional TypeScript adapter implements: what delivery cannot read from the preset.

import type { Clock } from "./clock.js";
import type { HeaderMap } from "./retry-policy.js";

/** A request as delivery is about to send it (after --base-url): the exact method, URL, headers and body. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for GET and DELETE. */
  readonly body?: unknown;
}

/** A final HTTP answer. */
export interface AdapterAnswer {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly bodyText: string;
}

/** What a helper request made by the adapter (e.g. listing a tenant's fields) produced. */
export type HelperResult =
  { readonly kind: "answer"; readonly answer: AdapterAnswer } | { readonly kind: "error"; readonly reason: string };

/** What delivery lends an adapter for one request. */
export interface AdapterTools {
  /**
   * Sends a helper request with the same credential, limiter and retries as the event's own. Its URL must have the
   * event request's origin: the credential goes nowhere else.
   */
  request(call: { method: string; url: URL; headers: Readonly<Record<string, string>> }): Promise<HelperResult>;
  /** Aborted when the run is interrupted. */
  readonly stopSignal?: AbortSignal;
  /** A hash naming the credential and origin (never the credential): a cache key for per-tenant knowledge. */
  readonly credentialKey: string;
}

/** Facts a failure message may use. */
export interface FailureFacts {
  readonly attempts: number;
  readonly url: URL;
  /** Set by `repair` when it named what the server rejected (e.g. custom field names). */
  readonly rejected?: readonly string[];
}

/** One event's share of a batch answer. */
export type BatchItemResult =
  | { readonly ok: true; readonly id?: string | number; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

/** What the rate-limit headers of an answer say: at most `remaining` more until `resetInMs` from now. */
export interface RateLimitReading {
  readonly remaining?: number;
  readonly limit?: number;
  readonly resetInMs?: number;
}

/**
 * Everything is optional: an integration without an adapter gets the generic behaviour described on each hook.
 * Hooks are pure or nearly so, never throw for any answer, and never put a credential in a message.
 */
export interface IntegrationAdapter {
  /** The integration's name as the `.map` header declares it. */
  readonly integration: string;
  /** Used when the compiled module declares no `rate limit` (older modules). Default: no limit up front. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Statuses retried with backoff besides the default (408, 429, 5xx but 501). */
  readonly retryStatuses?: readonly number[];
  /**
   * For an answer whose status alone does not say it (e.g. a 400 whose body names a throttling or temporary error
   * code): retry it as a transient failure or wait it out as a rate limit. Default: the status decides.
   */
  retryAs?(answer: AdapterAnswer): "transient" | "rate_limited" | undefined;
  /** Reads the answer's rate-limit headers into the limiter. Default: Kong-style `x-ratelimit-*-minute`. */
  readRateLimit?(headers: HeaderMap): RateLimitReading | undefined;
  /** The per-person order key when the preset gives none (modules older than `order by`). */
  orderKey?(request: OutgoingRequest): string | undefined;
  /** Adjusts a request before it is sent (e.g. leaves out custom fields the tenant lacks). */
  beforeSend?(request: OutgoingRequest, tools: AdapterTools): Promise<Adjusted>;
  /**
   * After a failed final answer: a repaired request to send once more (e.g. without the field the server named),
   * or undefined to keep the failure.
   */
  repair?(request: OutgoingRequest, answer: AdapterAnswer): Repaired | undefined;
  /** The destination's id of the record a 2xx answer created or updated; `missing` warns when there is none. */
  readId?(answer: AdapterAnswer): { readonly id?: string | number; readonly missing?: string };
  /** Per-event results of a batch answer, in the order of the batch's items; undefined: all share its result. */
  batchResults?(answer: AdapterAnswer, items: number): readonly BatchItemResult[] | undefined;
  /** What went wrong and how to fix it, for a failed answer; undefined: the generic advice. */
  explainHttpFailure?(answer: AdapterAnswer, facts: FailureFacts): string | undefined;
  /** Same for an attempt that got no answer. */
  explainNetworkFailure?(code: string | undefined, message: string, facts: FailureFacts): string | undefined;
  /** The message for an event interrupted after it was sent; undefined: the generic one. */
  interruptedMessage?(): string;
  /** Whether a warning from beforeSend still holds once the final status is known (e.g. not after a 401). */
  keepWarning?(warning: string, status: number | undefined): boolean;
}

export interface Adjusted {
  readonly request: OutgoingRequest;
  readonly warnings: readonly string[];
}

export interface Repaired {
  readonly request: OutgoingRequest;
  readonly warning: string;
  /** What was taken out, for the failure message should the repaired request fail too. */
  readonly rejected: readonly string[];
}

/** An adapter module's default export: made once per sender, so per-tenant caches live as long as it does. */
export type AdapterFactory = (environment: { readonly clock: Clock }) => IntegrationAdapter;
