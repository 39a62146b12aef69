// Generic failure messages for any destination: what happened, then how to fix it. Adapters may say more.

import type { FailureFacts } from "./adapter.js";

// The sender does not know whether --dead-letter was given, so the advice holds either way.
export const REPLAY =
  "deliver it again later (with --dead-letter FILE, failed events are written there for the same command to replay)";

export function genericHttpFailure(status: number, bodyText: string, facts: FailureFacts): string {
  const said = shortText(bodyText);
  const quoted = said ? ` (the server said: ${said})` : "";
  const where = `${facts.url.origin}${facts.url.pathname}`;
  if (status === 401)
    return `401 Unauthorized: the destination rejected the credential${quoted}. Check the secret settings.`;
  if (status === 403) {
    return `403 Forbidden: the credential is not allowed to do this${quoted}. Check its permissions or scopes.`;
  }
  if (status === 404) return `404 Not Found: ${where} does not exist${quoted}. Check the preset's URL and --base-url.`;
  if (status === 413) return `413 Payload Too Large: the destination refused the request's size${quoted}.`;
  if (status === 429) {
    return `429 Too Many Requests after ${facts.attempts} attempts${quoted}. Signal retries automatically; reduce volume if this persists; ${REPLAY}.`;
  }
  if (status >= 500) {
    return `HTTP ${status} after ${facts.attempts} attempts${quoted}: a problem on the destination's side; ${REPLAY}.`;
  }
  if (status === 400 || status === 422) return `HTTP ${status}: the destination rejected the request${quoted}.`;
  return `HTTP ${status}${quoted}.`;
}

export function genericNetworkFailure(code: string | undefined, message: string, facts: FailureFacts): string {
  const what = code === "ENOTFOUND" ? "host not found" : `${code ?? "error"}: ${message}`;
  const tries = facts.attempts === 1 ? "1 attempt" : `${facts.attempts} attempts`;
  if (/TIMEOUT/.test(code ?? "")) {
    return `no answer from ${facts.url.origin} in time (${what}) after ${tries}; ${REPLAY}.`;
  }
  return `could not reach ${facts.url.origin} (${what}) after ${tries}. Check the network and --base-url; ${REPLAY}.`;
}

export const GENERIC_INTERRUPTED =
  "interrupted before the destination gave a final answer; check the destination before replaying the event";

/** The answer's text, shortened: JSON bodies are shown compactly, others trimmed. */
export function shortText(bodyText: string): string {
  const text = bodyText.trim().replace(/\s+/g, " ");
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}
