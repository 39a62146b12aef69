// Which attempts leave it unknown whether the destination applied the request, and how long that stays unknown.

import type { Clock } from "./clock.js";

/**
 * How long after an ambiguous attempt the destination may still apply it, by default. Well above the 15 s attempt
 * timeout and above the request timeouts of the usual servers and proxies (30–60 s), so a request not applied by then
 * never will be.
 */
export const DEFAULT_AMBIGUITY_WINDOW_MS = 120_000;

// Errors after which the request may be at the destination: it was (or may have been) written and no answer came.
// Errors from before a connection existed (ECONNREFUSED, EAI_AGAIN, ENETUNREACH, a connect timeout) are not here:
// nothing was sent. A reset or a closed socket may come before the request was written, but we cannot tell.
const AMBIGUOUS_ERROR_CODES = new Set([
  "ATTEMPT_TIMEOUT",
  "ABORTED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** 504: a gateway stopped waiting for the destination, which may still be working on the request. */
const AMBIGUOUS_STATUSES = new Set([504]);

export type AmbiguityObservation =
  | { readonly kind: "response"; readonly status: number }
  | { readonly kind: "error"; readonly code: string | undefined };

/** True when the attempt may or may not have been applied by the destination. */
export function isAmbiguous(observation: AmbiguityObservation): boolean {
  return observation.kind === "error"
    ? observation.code !== undefined && AMBIGUOUS_ERROR_CODES.has(observation.code)
    : AMBIGUOUS_STATUSES.has(observation.status);
}

/**
 * Waits until a failed request's ambiguity window has passed (or `signal` aborts), so the person's next request is
 * sent only when this one can no longer land after it. Says so in the report's warnings.
 */
export async function holdWhileUnsettled<R extends HeldReport>(
  report: R,
  clock: Clock,
  signal?: AbortSignal,
): Promise<R> {
  const until = report.unsettledUntil;
  if (until === undefined || signal?.aborted) return report;
  const waitMs = until - clock.now();
  if (waitMs > 0) await clock.sleep(waitMs, signal);
  const warning = `the destination may still apply this request (its last attempt timed out, lost its connection or got a 504): nothing more of this person was sent before ${new Date(until).toISOString()} (ambiguity window)`;
  return { ...report, warnings: [...report.warnings, warning] };
}

interface HeldReport {
  readonly unsettledUntil?: number;
  readonly warnings: readonly string[];
}
