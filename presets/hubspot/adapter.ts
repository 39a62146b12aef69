// HubSpot's adapter (from FACTS.md): the rolling 10-second limit read from its X-HubSpot-RateLimit-* headers, and
// the per-input errors of a 207 batch upsert answer.

import type { AdapterFactory, BatchItemResult, IntegrationAdapter, RateLimitReading } from "../../delivery/adapter.js";
import type { HeaderMap } from "../../delivery/retry-policy.js";

/** `x-hubspot-ratelimit-remaining`, `-max` and `-interval-milliseconds` describe the rolling burst window. */
export function hubspotRateLimit(headers: HeaderMap): RateLimitReading | undefined {
  const count = (name: string) => {
    const value = headers[name];
    return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
  };
  const remaining = count("x-hubspot-ratelimit-remaining");
  const limit = count("x-hubspot-ratelimit-max");
  const interval = count("x-hubspot-ratelimit-interval-milliseconds");
  if (remaining === undefined && limit === undefined) return undefined;
  return {
    ...(remaining !== undefined ? { remaining } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(interval !== undefined ? { resetInMs: interval } : {}),
  };
}

interface UpsertAnswer {
  readonly results?: readonly { readonly id?: unknown; readonly properties?: { readonly email?: unknown } }[];
  readonly errors?: readonly { readonly message?: unknown; readonly context?: Record<string, unknown> }[];
}

/**
 * A 207 names the inputs that failed only through `context` (e.g. `{"ids": ["x@example.com"]}`), not by index, and
 * the order of results is not documented: with errors an event's share cannot be told, so every event keeps the
 * batch's result (undefined). A 200 with one result per input gives each event its record id, matched by email.
 */
export function hubspotBatchResults(status: number, bodyText: string, items: number): BatchItemResult[] | undefined {
  if (status !== 200 || items !== 1) return undefined;
  try {
    const parsed = JSON.parse(bodyText) as UpsertAnswer;
    const id = parsed.results?.[0]?.id;
    return typeof id === "string" || typeof id === "number" ? [{ ok: true, id }] : undefined;
  } catch {
    return undefined;
  }
}

export function createHubspotAdapter(): IntegrationAdapter {
  return {
    integration: "hubspot",
    // FACTS: Free/Starter private apps, 100 per rolling 10 s (paid tiers: 190; --rate-limit sets it); the remaining
    // count of the headers is believed when lower than ours.
    rateLimit: { limit: 100, windowMs: 10_000 },
    readRateLimit: hubspotRateLimit,
    batchResults: (answer, items) => hubspotBatchResults(answer.status, answer.bodyText, items),
  };
}

const factory: AdapterFactory = () => createHubspotAdapter();
export default factory;
