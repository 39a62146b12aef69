// Meta's adapter (from FACTS.md): Graph API error codes say what a 4xx status does not — 1 and 2 are temporary,
// 4, 17 and 613 are throttling — and 190 means the access token must be replaced.

import type { AdapterAnswer, AdapterFactory, IntegrationAdapter } from "../../delivery/adapter.js";

interface GraphError {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly error_subcode?: unknown;
  readonly is_transient?: unknown;
  readonly fbtrace_id?: unknown;
}

const TEMPORARY = new Set([1, 2]);
const THROTTLING = new Set([4, 17, 613]);

export function graphError(bodyText: string): GraphError | undefined {
  try {
    const error = (JSON.parse(bodyText) as { error?: unknown }).error;
    return error && typeof error === "object" ? (error as GraphError) : undefined;
  } catch {
    return undefined;
  }
}

export function metaRetryAs(answer: AdapterAnswer): "transient" | "rate_limited" | undefined {
  const error = graphError(answer.bodyText);
  if (typeof error?.code !== "number") return undefined;
  if (THROTTLING.has(error.code)) return "rate_limited";
  if (TEMPORARY.has(error.code) || error.is_transient === true) return "transient";
  return undefined;
}

export function explainMetaFailure(answer: AdapterAnswer): string | undefined {
  const error = graphError(answer.bodyText);
  if (error === undefined) return undefined;
  const said = typeof error.message === "string" ? error.message : "no message";
  const codes = `code ${String(error.code)}${error.error_subcode !== undefined ? `, subcode ${String(error.error_subcode)}` : ""}`;
  const trace = typeof error.fbtrace_id === "string" ? ` (fbtrace_id ${error.fbtrace_id})` : "";
  if (error.code === 190) {
    return `HTTP ${answer.status}: Meta rejected the access token as expired, revoked or invalid (${codes}: ${said})${trace}. Generate a new Conversions API access token and update the integration's settings.`;
  }
  if (THROTTLING.has(error.code as number)) {
    return `HTTP ${answer.status}: Meta throttled the request (${codes}: ${said})${trace}; Signal backed off and retried. Send fewer requests or batch more events per request.`;
  }
  return `HTTP ${answer.status}: Meta rejected the whole batch, none of its events was stored (${codes}: ${said})${trace}. Fix the event and send it again.`;
}

export function createMetaAdapter(): IntegrationAdapter {
  return { integration: "meta", retryAs: metaRetryAs, explainHttpFailure: (answer) => explainMetaFailure(answer) };
}

const factory: AdapterFactory = () => createMetaAdapter();
export default factory;
