// A sender for Salesloft: the generic HTTP sender with Salesloft's adapter, for tests, the demo and benchmarks.

import type { Clock } from "../../delivery/clock.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { RateLimiterRegistry } from "../../delivery/rate-limiter.js";
import type { RetryPolicy } from "../../delivery/retry-policy.js";
import type { RequestSender } from "../../delivery/sender.js";
import { systemClock } from "../../delivery/clock.js";
import { createSalesloftAdapter, SALESLOFT_BASE_URL } from "./adapter.js";
import type { CustomFieldCatalogCache } from "./adapter/custom-fields.js";

export { SALESLOFT_BASE_URL };

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

export function createSalesloftSender(options: SalesloftSenderOptions = {}): RequestSender {
  const clock = options.clock ?? systemClock;
  return createHttpSender({ ...options, adapter: createSalesloftAdapter(clock, options.catalogs) });
}
