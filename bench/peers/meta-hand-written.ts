// The Meta Conversions API floor: presets/meta/conversions.map written directly in TypeScript for the events the
// benchmark's mixes hold, with the same hashing and normalisation functions the preset calls.

import type { Outcome } from "../../runtime/outcome.js";
import {
  e164,
  hash_email,
  hash_phone,
  is_currency_code,
  normalize_name,
  region,
  region_code,
  round,
  sha256,
  to_number,
  unix_seconds,
} from "../../runtime/stdlib/index.js";
import { isFailure } from "../../runtime/values.js";
import { read, routeEvent, text, type Json } from "./envelope.js";

export type MetaSettings = {
  readonly pixel_id: string;
  readonly access_token: string;
  readonly test_event_code?: string;
  readonly default_phone_region?: string;
};

const HANDLED: ReadonlySet<string> = new Set([
  "Lead Generated",
  "Signed Up",
  "Order Completed",
  "Checkout Started",
  "Product Added",
]);
const EVENT_NAMES: Readonly<Record<string, string>> = {
  "Lead Generated": "Lead",
  "Signed Up": "CompleteRegistration",
  "Order Completed": "Purchase",
  "Checkout Started": "InitiateCheckout",
  "Product Added": "AddToCart",
};
const PHONE_WARNING = "traits.phone could not be normalised to E.164 and was left out";
/** An id as to_string gives it: text as is, a finite number or a boolean as its text. */
function idText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  return undefined;
}

function missing(messageId: string | null, message: string): Outcome {
  return { messageId, outcome: "error", code: "missing_required", message };
}

function fromCookie(value: unknown): string | undefined {
  const cookie = text(value);
  return cookie !== undefined && cookie.startsWith("fb.") ? cookie : undefined;
}

export function transformMetaByHand(event: unknown, settings: MetaSettings): Outcome {
  const routed = routeEvent(event, HANDLED);
  if (routed.kind === "decided") return routed.outcome;
  const { event: raw, name, messageId } = routed;
  const context = raw.context;
  if (read(read(context, "consent"), "marketing") !== "granted") {
    return { messageId, outcome: "drop", reason: "no marketing consent: Meta receives nothing without it" };
  }
  const eventName = EVENT_NAMES[name]!;
  const seconds = unix_seconds(read(raw, "timestamp"));
  const eventTime = typeof seconds === "number" && seconds >= 0 ? seconds : undefined;
  if (eventTime === undefined) return missing(messageId, "event.timestamp is required");
  const pageUrl = text(read(read(context, "page"), "url"));
  if (pageUrl === undefined) return missing(messageId, "context.page.url is required");
  const userAgent = text(read(context, "userAgent"));
  if (userAgent === undefined) return missing(messageId, "context.userAgent is required");

  const top = raw.traits;
  const nested = read(context, "traits");
  const trait = (key: string): unknown => read(top, key) ?? read(nested, key);
  const warnings: string[] = [];
  const regionOf = region(read(context, "locale")) ?? region_code(trait("country")) ?? settings.default_phone_region;
  const phone = e164(trait("phone"), regionOf);
  if (isFailure(phone)) warnings.push(PHONE_WARNING);

  const userData: Json = {};
  const hashed = (key: string, value: string | undefined) => value !== undefined && (userData[key] = [value]);
  hashed("em", hash_email(trait("email")));
  hashed("ph", hash_phone(typeof phone === "string" ? phone : undefined));
  hashed("fn", sha256(normalize_name(trait("first_name"))));
  hashed("ln", sha256(normalize_name(trait("last_name"))));
  hashed("external_id", sha256(idText(read(raw, "userId"))?.trim().toLowerCase() || undefined));
  const ip = text(read(context, "ip"));
  if (ip !== undefined) userData.client_ip_address = ip;
  userData.client_user_agent = userAgent;
  const properties = raw.properties;
  const fbp = fromCookie(read(properties, "fbp"));
  if (fbp !== undefined) userData.fbp = fbp;
  const fbc = fromCookie(read(properties, "fbc"));
  if (fbc !== undefined) userData.fbc = fbc;

  const item: Json = {
    event_name: eventName,
    event_time: eventTime,
    action_source: "website",
    event_source_url: pageUrl,
    user_data: userData,
  };
  const eventId = idText(messageId);
  if (eventId !== undefined) item.event_id = eventId;
  if (name === "Order Completed") {
    const custom = purchaseData(properties);
    if (typeof custom === "string") return missing(messageId, custom);
    item.custom_data = custom;
  } else {
    const value = numberOf(read(properties, "value"));
    const currency = currencyOf(properties);
    if (value !== undefined && currency !== undefined) item.custom_data = { value, currency };
  }
  const body: Json = { data: [item] };
  if (settings.test_event_code !== undefined) body.test_event_code = settings.test_event_code;
  const url = `https://graph.facebook.com/v25.0/${encodeURIComponent(settings.pixel_id)}/events?access_token=${encodeURIComponent(settings.access_token)}`;
  return {
    messageId,
    outcome: "send",
    request: { method: "POST", url, headers: { "Content-Type": "application/json" }, body },
    warnings,
  };
}

function numberOf(value: unknown): number | undefined {
  const number = to_number(value);
  return typeof number === "number" ? number : undefined;
}

function currencyOf(properties: unknown): string | undefined {
  const currency = text(read(properties, "currency"))?.toUpperCase();
  return is_currency_code(currency) ? currency : undefined;
}

/** Purchase's custom_data, or the message of the requirement it misses. */
function purchaseData(properties: unknown): Json | string {
  const value = numberOf(read(properties, "total")) ?? numberOf(read(properties, "revenue"));
  if (value === undefined) return "properties.total (or properties.revenue) is required";
  const currency = currencyOf(properties);
  if (currency === undefined) return "properties.currency is required";
  const custom: Json = { value, currency };
  const orderId = idText(read(properties, "order_id"));
  if (orderId !== undefined) custom.order_id = orderId;
  custom.content_type = "product";
  const products = read(properties, "products");
  const list = Array.isArray(products) ? products : [];
  const idOf = (product: unknown) => idText(read(product, "product_id")) ?? idText(read(product, "sku"));
  const ids = list.map(idOf).filter((id): id is string => id !== undefined);
  if (ids.length > 0) custom.content_ids = ids;
  const contents = list
    .filter((product) => idOf(product) !== undefined)
    .map((product) => lineItem(product, idOf(product)!));
  if (contents.length > 0) custom.contents = contents;
  return custom;
}

function lineItem(product: unknown, id: string): Json {
  const item: Json = { id };
  const quantity = numberOf(read(product, "quantity"));
  const rounded = quantity === undefined ? undefined : round(quantity);
  if (typeof rounded === "number") item.quantity = rounded;
  const price = numberOf(read(product, "price"));
  if (price !== undefined) item.item_price = price;
  for (const [key, field] of [
    ["title", "name"],
    ["brand", "brand"],
    ["category", "category"],
  ] as const) {
    const value = text(read(product, field));
    if (value !== undefined) item[key] = value;
  }
  return item;
}
