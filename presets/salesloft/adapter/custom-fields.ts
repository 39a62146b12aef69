// The tenant's Person custom fields: listed once per credential and base URL, used to leave out fields it lacks.

import type { Clock } from "../../../delivery/clock.js";

/** The names of the tenant's Person custom fields, or why they could not be listed. */
export type CustomFieldCatalog =
  | { readonly kind: "known"; readonly names: ReadonlySet<string> }
  | { readonly kind: "unknown"; readonly reason: string };

/** One page of GET /v2/custom_fields: the names on it and the next page number, if any. */
export type CatalogPage =
  { readonly names: readonly string[]; readonly nextPage: number | undefined } | { readonly error: string };

// The list is cached, not fetched per event; a field created in Salesloft while a long run goes on is picked up
// when the entry expires.
const CATALOG_TTL_MS = 10 * 60_000;
const MAX_PAGES = 100;

/** Concurrent callers with the same key share one fetch. Keys are hashes, never the credential itself. */
export class CustomFieldCatalogCache {
  private readonly entries = new Map<string, { promise: Promise<CustomFieldCatalog>; at: number }>();

  constructor(private readonly clock: Clock) {}

  get(
    key: string,
    load: () => Promise<CustomFieldCatalog>,
    keep: (catalog: CustomFieldCatalog) => boolean,
  ): Promise<CustomFieldCatalog> {
    const now = this.clock.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.at < CATALOG_TTL_MS) return entry.promise;
    const promise = load().then((catalog) => {
      if (!keep(catalog) && this.entries.get(key)?.promise === promise) this.entries.delete(key);
      return catalog;
    });
    this.entries.set(key, { promise, at: now });
    return promise;
  }
}

/** Follows `metadata.paging.next_page` through every page (per_page=100). */
export async function listCustomFieldNames(
  fetchPage: (page: number) => Promise<CatalogPage>,
): Promise<CustomFieldCatalog> {
  const names = new Set<string>();
  let page: number | undefined = 1;
  for (let fetched = 0; page !== undefined && fetched < MAX_PAGES; fetched++) {
    const result = await fetchPage(page);
    if ("error" in result) return { kind: "unknown", reason: result.error };
    result.names.forEach((name) => names.add(name));
    page = result.nextPage !== undefined && result.nextPage > page ? result.nextPage : undefined;
  }
  return { kind: "known", names };
}

/** Reads one page's names and next page from the answer body; an error when the body is not that shape. */
export function readCatalogPage(body: unknown): CatalogPage {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const data = record["data"];
  if (!Array.isArray(data)) return { error: "the custom field list had no data array" };
  const names = data
    .filter((item) => item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string")
    .filter((item) => ((item as { field_type?: unknown }).field_type ?? "person") === "person")
    .map((item) => (item as { name: string }).name);
  const paging = (record["metadata"] as { paging?: { next_page?: unknown } } | undefined)?.paging;
  const next = paging?.next_page;
  return { names, nextPage: typeof next === "number" && Number.isInteger(next) ? next : undefined };
}

/** The keys of the body's `custom_fields` object; empty when there is none. */
export function customFieldKeys(body: unknown): string[] {
  const fields = customFieldsOf(body);
  return fields ? Object.keys(fields) : [];
}

/** The body without the given custom field keys; `custom_fields` itself is left out when it ends up empty. */
export function withoutCustomFields(body: unknown, keys: readonly string[]): unknown {
  const fields = customFieldsOf(body);
  if (!fields || keys.length === 0) return body;
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)));
  const { custom_fields: _dropped, ...rest } = body as Record<string, unknown>;
  return Object.keys(kept).length > 0 ? { ...rest, custom_fields: kept } : rest;
}

/** Custom field keys a 400/422 answer complains about: those it names, or all sent when it only says "custom field". */
export function customFieldsNamedInError(bodyText: string, sentKeys: readonly string[]): string[] {
  const named = sentKeys.filter((key) =>
    new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(key)}([^A-Za-z0-9_]|$)`).test(bodyText),
  );
  if (named.length > 0) return named;
  return /custom[_ ]?fields?/i.test(bodyText) ? [...sentKeys] : [];
}

export function missingFieldsWarning(keys: readonly string[]): string {
  return `${describeKeys(keys)} left out: the Salesloft tenant has no Person custom field named ${keys.map((k) => `"${k}"`).join(", ")}. Create the matching Person custom field in Salesloft, or remove that mapping from the preset.`;
}

export function rejectedFieldsWarning(keys: readonly string[], status: number): string {
  return `Salesloft answered ${status} about ${describeKeys(keys)}, so the person was sent again without ${keys.length > 1 ? "them" : "it"}. Create the matching Person custom field in Salesloft, or remove that mapping from the preset.`;
}

const UNLISTED = "could not list the tenant's Person custom fields";

export function unlistedFieldsWarning(reason: string): string {
  return `${UNLISTED} (${reason}); custom_fields were sent unchecked.`;
}

export function isUnlistedFieldsWarning(warning: string): boolean {
  return warning.startsWith(UNLISTED);
}

function describeKeys(keys: readonly string[]): string {
  return keys.map((key) => `custom_fields.${key}`).join(", ");
}

function customFieldsOf(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const fields = (body as Record<string, unknown>)["custom_fields"];
  return fields && typeof fields === "object" && !Array.isArray(fields)
    ? (fields as Record<string, unknown>)
    : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
