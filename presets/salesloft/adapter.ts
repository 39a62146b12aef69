// Salesloft's adapter: the Person id from either answer shape, custom fields checked against the tenant, its advice.

import type {
  AdapterAnswer,
  AdapterFactory,
  AdapterTools,
  Adjusted,
  IntegrationAdapter,
  OutgoingRequest,
  Repaired,
} from "../../delivery/adapter.js";
import type { Clock } from "../../delivery/clock.js";
import { minuteWindowHeaders } from "../../delivery/rate-limiter.js";
import { explainHttpFailure, explainNetworkFailure } from "./adapter/advice.js";
import {
  CustomFieldCatalogCache,
  customFieldKeys,
  customFieldsNamedInError,
  isUnlistedFieldsWarning,
  listCustomFieldNames,
  missingFieldsWarning,
  readCatalogPage,
  rejectedFieldsWarning,
  unlistedFieldsWarning,
  withoutCustomFields,
  type CatalogPage,
  type CustomFieldCatalog,
} from "./adapter/custom-fields.js";
import { parseJson, readPersonId } from "./adapter/person-id.js";

export const SALESLOFT_BASE_URL = "https://api.salesloft.com";

/** Share one cache between adapters so the tenant's custom fields are listed once per key and base URL. */
export function createSalesloftAdapter(
  clock: Clock,
  catalogs = new CustomFieldCatalogCache(clock),
): IntegrationAdapter {
  return {
    integration: "salesloft",
    // FACTS: 600 cost per minute per team (every key of the team shares it); every call here costs 1.
    rateLimit: { limit: 600, windowMs: 60_000 },
    readRateLimit: minuteWindowHeaders,
    orderKey: (request) => {
      const email = (request.body as { email_address?: unknown } | undefined)?.email_address;
      return typeof email === "string" && email !== "" ? email : undefined;
    },
    beforeSend: (request, tools) => checkCustomFields(request, tools, catalogs),
    repair,
    readId: (answer) => {
      const id = readPersonId(parseJson(answer.bodyText));
      return id !== undefined
        ? { id }
        : { missing: `Salesloft answered ${answer.status} without a Person id in the body.` };
    },
    explainHttpFailure: (answer, facts) =>
      explainHttpFailure(answer.status, answer.bodyText, { ...facts, customFields: facts.rejected }),
    explainNetworkFailure: (code, message, facts) => explainNetworkFailure(code, message, facts),
    interruptedMessage: () =>
      "interrupted before Salesloft gave a final answer; replaying the event is safe (the upsert is keyed on email)",
    // When the key itself is refused, the listing failed for the same reason: the error says it all.
    keepWarning: (warning, status) => !((status === 401 || status === 403) && isUnlistedFieldsWarning(warning)),
  };
}

const factory: AdapterFactory = ({ clock }) => createSalesloftAdapter(clock);
export default factory;

async function checkCustomFields(
  request: OutgoingRequest,
  tools: AdapterTools,
  catalogs: CustomFieldCatalogCache,
): Promise<Adjusted> {
  const keys = customFieldKeys(request.body);
  if (keys.length === 0) return { request, warnings: [] };
  const catalog = await catalogFor(request, tools, catalogs);
  if (catalog.kind === "unknown") {
    const warnings = tools.stopSignal?.aborted ? [] : [unlistedFieldsWarning(catalog.reason)];
    return { request, warnings };
  }
  const missing = keys.filter((key) => !catalog.names.has(key));
  if (missing.length === 0) return { request, warnings: [] };
  return {
    request: { ...request, body: withoutCustomFields(request.body, missing) },
    warnings: [missingFieldsWarning(missing)],
  };
}

function catalogFor(
  request: OutgoingRequest,
  tools: AdapterTools,
  catalogs: CustomFieldCatalogCache,
): Promise<CustomFieldCatalog> {
  const load = () => listCustomFieldNames((page) => fetchCatalogPage(request, tools, page));
  // An interrupted listing is not kept: the next run should list again rather than send fields unchecked.
  return catalogs.get(tools.credentialKey, load, () => !tools.stopSignal?.aborted);
}

async function fetchCatalogPage(request: OutgoingRequest, tools: AdapterTools, page: number): Promise<CatalogPage> {
  const url = new URL(request.url.pathname.replace(/person_upserts(\.json)?$/, "custom_fields"), request.url);
  url.search = `field_type=person&per_page=100&page=${page}`;
  const headers = { authorization: headerValue(request.headers, "authorization") ?? "", accept: "application/json" };
  const result = await tools.request({ method: "GET", url, headers });
  if (result.kind === "error") return { error: result.reason };
  if (result.answer.status !== 200) return { error: `HTTP ${result.answer.status}` };
  return readCatalogPage(parseJson(result.answer.bodyText));
}

/** Salesloft rejected a field the catalog listed (or the catalog was unavailable): the lead matters more. */
function repair(request: OutgoingRequest, answer: AdapterAnswer): Repaired | undefined {
  if (answer.status !== 400 && answer.status !== 422) return undefined;
  const rejected = customFieldsNamedInError(answer.bodyText, customFieldKeys(request.body));
  if (rejected.length === 0) return undefined;
  return {
    request: { ...request, body: withoutCustomFields(request.body, rejected) },
    warning: rejectedFieldsWarning(rejected, answer.status),
    rejected,
  };
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}
