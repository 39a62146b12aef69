// Actionable failure messages, following the seed's troubleshooting table: what happened, then how to fix it.

import { parseJson } from "./person-id.js";

export interface FailureContext {
  readonly attempts: number;
  readonly url: URL;
  /** Custom field names the answer complained about, when it named any. */
  readonly customFields?: readonly string[];
}

// The sender does not know whether --dead-letter was given, so the advice holds either way.
const REPLAY =
  "deliver it again later (with --dead-letter FILE, failed events are written there for the same command to replay)";

export function explainHttpFailure(status: number, bodyText: string, context: FailureContext): string {
  const said = serverMessage(bodyText);
  const quoted = said ? ` (Salesloft said: ${said})` : "";
  if (status === 401) {
    return `401 Unauthorized: Salesloft rejected the API key as invalid or revoked${quoted}. Re-create the key in Your Applications > API Keys and update the integration.`;
  }
  if (status === 403) {
    return `403 Forbidden: the API key is missing the People scope${quoted}. Re-create the key with the People scope selected (Your Applications > API Keys).`;
  }
  if (status === 429) {
    return `429 Too Many Requests after ${context.attempts} attempts: Salesloft's team-level rate limit is shared by all of the team's integrations${quoted}. Signal retries automatically; reduce volume or stagger sending if this persists; ${REPLAY}.`;
  }
  if (status === 404) {
    return `404 Not Found: ${context.url.origin}${context.url.pathname} does not exist${quoted}. Check --base-url (Salesloft's API is https://api.salesloft.com).`;
  }
  if (status === 400 || status === 422) return explainRejectedBody(status, said, quoted, context);
  if (status >= 500) {
    return `HTTP ${status} from Salesloft after ${context.attempts} attempts${quoted}: a problem on Salesloft's side; ${REPLAY}.`;
  }
  return `HTTP ${status} from Salesloft${quoted}.`;
}

function explainRejectedBody(status: number, said: string, quoted: string, context: FailureContext): string {
  const fields = context.customFields ?? [];
  if (fields.length > 0 || /custom[_ ]?field/i.test(said)) {
    const named = fields.length > 0 ? ` (${fields.map((name) => `custom_fields.${name}`).join(", ")})` : "";
    return `HTTP ${status}: Salesloft rejected a custom field that does not exist in the tenant${named}${quoted}. Create the matching Person custom field in Salesloft, or remove that mapping from the preset.`;
  }
  if (/email/i.test(said) && /blank|missing|required|empty/i.test(said)) {
    return `HTTP ${status}: Salesloft says the person has no email address${quoted}. Pass traits.email in the event's identity context; it is required as the upsert key.`;
  }
  return `HTTP ${status}: Salesloft rejected the person${quoted}.`;
}

/** Why no answer came: connection refused, reset, timed out... */
export function explainNetworkFailure(code: string | undefined, message: string, context: FailureContext): string {
  const what = code === "ENOTFOUND" ? "host not found" : `${code ?? "error"}: ${message}`;
  const tries = context.attempts === 1 ? "1 attempt" : `${context.attempts} attempts`;
  if (/TIMEOUT/.test(code ?? "")) {
    return `no answer from ${context.url.origin} in time (${what}) after ${tries}; Salesloft may be slow or unreachable; ${REPLAY}.`;
  }
  return `could not reach ${context.url.origin} (${what}) after ${tries}. Check the network and --base-url; ${REPLAY}.`;
}

/** The server's own words from `{"error": "..."}` or `{"errors": {"field": ["..."]}}`, shortened. */
export function serverMessage(bodyText: string): string {
  const body = parseJson(bodyText);
  let text = "";
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const { error, errors } = body as { error?: unknown; errors?: unknown };
    if (typeof error === "string") text = error;
    else if (errors && typeof errors === "object") text = describeErrors(errors as Record<string, unknown>);
  } else if (body === undefined) {
    text = bodyText.trim();
  }
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

function describeErrors(errors: Record<string, unknown>): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field} ${Array.isArray(messages) ? messages.join(", ") : String(messages)}`)
    .join("; ");
}
