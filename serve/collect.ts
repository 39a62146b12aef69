// Collection: the Segment HTTP Tracking API (`POST /v1/track` … `/v1/batch`), answered 200 only once stored durably.

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IncomingEvent, Route, Store } from "../store/store.js";
import { readBody, BodyTooLarge } from "./http-body.js";
import { clientIp, corsHeaders } from "./http-meta.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";

export const CALL_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
/** The short paths analytics.js posts to (`/v1/t`, `/v1/i`, … `/v1/b`), as Segment's own endpoint accepts them. */
const SHORT_PATHS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CALL_TYPES.map((t) => [`/v1/${t[0]}`, `/v1/${t}`])),
  "/v1/b": "/v1/batch",
};
const ROUTES = new Set<string>([
  ...CALL_TYPES.map((t) => `/v1/${t}`),
  "/v1/batch",
  "/v1/import",
  ...Object.keys(SHORT_PATHS),
]);

export interface CollectorOptions {
  readonly store: Store;
  readonly sources: readonly { readonly name: string; readonly writeKey: string }[];
  readonly limits: { readonly eventBytes: number; readonly requestBytes: number };
  readonly corsOrigins: readonly string[];
  readonly trustedProxies: readonly string[];
  /** Where each event goes: one route per integration, with its order key or the outcome that settled it. */
  readonly route: (event: Record<string, unknown>) => Route[];
  readonly now?: () => number;
  readonly onAccepted?: (source: string, stored: number, duplicates: number) => void;
  readonly onRejected?: (reason: string) => void;
  /** The store could not commit (answered 503): the error, for the log. */
  readonly onStoreError?: (error: unknown) => void;
}

type Reply = { status: number; body: Record<string, unknown> };
type Obj = Record<string, unknown>;

export function isCollectPath(path: string): boolean {
  return ROUTES.has(path);
}

/** Handles one collection request; never throws, and answers 200 only after the store committed the events. */
export async function collect(req: IncomingMessage, res: ServerResponse, options: CollectorOptions): Promise<void> {
  const cors = corsHeaders(req, options.corsOrigins);
  if (req.method === "OPTIONS") return send(res, 204, undefined, cors);
  let reply: Reply;
  try {
    reply = await handle(req, options);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) options.onStoreError?.(error);
    reply =
      error instanceof BodyTooLarge
        ? fail(413, `the request is larger than ${options.limits.requestBytes} bytes`)
        : fail(503, "the event store is not available; nothing was stored, please retry");
  }
  if (reply.status !== 200) options.onRejected?.(reasonOf(reply.status));
  send(res, reply.status, reply.body, cors);
}

async function handle(req: IncomingMessage, options: CollectorOptions): Promise<Reply> {
  if (req.method !== "POST") return fail(405, "use POST");
  const given = new URL(req.url ?? "/", "http://collector").pathname;
  const path = SHORT_PATHS[given] ?? given;
  const bytes = await readBody(req, options.limits.requestBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(400, "the body is not valid UTF-8");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return fail(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(body)) return fail(400, "the body must be a JSON object");
  if (nestsDeeperThan(body)) return fail(400, `the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const source = options.sources.find((s) => s.writeKey === writeKeyOf(req, body));
  if (source === undefined) return fail(401, "unknown or missing write key (send it as the Basic-auth user name)");
  const messages = messagesOf(path, body);
  if (typeof messages === "string") return fail(400, messages);
  const events: IncomingEvent[] = [];
  for (const [i, message] of messages.entries()) {
    const at = path === "/v1/batch" || path === "/v1/import" ? `batch[${i}]` : "the event";
    if (isInexact(message.messageId)) {
      const field = at === "the event" ? "messageId" : `${at}.messageId`;
      return fail(400, `${field} is a number of 2^53 or more, which JSON readers round: send it as a string`);
    }
    const event = complete(message, req, body, options);
    const payload = JSON.stringify(event);
    if (Buffer.byteLength(payload) > options.limits.eventBytes) {
      return fail(413, `${at} is larger than ${options.limits.eventBytes} bytes`);
    }
    const messageId = String(event.messageId);
    events.push({
      source: source.name,
      messageId,
      payload,
      receivedAt: options.now?.() ?? Date.now(),
      routes: options.route(event),
    });
  }
  const result = await options.store.ingest(events);
  options.onAccepted?.(source.name, result.stored, result.duplicates);
  return { status: 200, body: { success: true } };
}

/** The events of a request: a batch's items, or the body itself typed by the path. */
function messagesOf(path: string, body: Obj): Obj[] | string {
  if (path === "/v1/batch" || path === "/v1/import") {
    if (!Array.isArray(body.batch)) return '"batch" must be a list of events';
    for (const [i, item] of body.batch.entries()) {
      if (!isObject(item)) return `batch[${i}] is not a JSON object`;
      // Read as the event normaliser reads it: "Track" and " identify " are track and identify calls.
      const type = typeof item.type === "string" ? item.type.trim().toLowerCase() : undefined;
      if (type === undefined || !(CALL_TYPES as readonly string[]).includes(type)) {
        return `batch[${i}].type must be one of ${CALL_TYPES.join(", ")}`;
      }
    }
    return (body.batch as Obj[]).map((item) => ({ ...item, type: (item.type as string).trim().toLowerCase() }));
  }
  const { writeKey: _key, ...event } = body;
  return [{ ...event, type: path.slice("/v1/".length) }];
}

/** Fills what the server knows: messageId when absent, receivedAt, context.ip and context.userAgent. */
function complete(message: Obj, req: IncomingMessage, body: Obj, options: CollectorOptions): Obj {
  const shared = isObject(body.context) && message !== body ? body.context : {};
  const context: Obj = { ...shared, ...(isObject(message.context) ? message.context : {}) };
  context.ip ??= clientIp(req, options.trustedProxies);
  const agent = req.headers["user-agent"];
  if (context.userAgent === undefined && typeof agent === "string") context.userAgent = agent;
  const hasId =
    (typeof message.messageId === "string" && message.messageId !== "") || typeof message.messageId === "number";
  const { writeKey: _key, ...rest } = message;
  return {
    ...rest,
    messageId: hasId ? message.messageId : randomUUID(),
    receivedAt: new Date(options.now?.() ?? Date.now()).toISOString(),
    context,
  };
}

/**
 * A numeric messageId past 2^53 has already lost digits in JSON.parse: two different events could share it, and the
 * second would be acknowledged as a duplicate and never stored.
 */
function isInexact(messageId: unknown): boolean {
  return typeof messageId === "number" && Math.abs(messageId) > Number.MAX_SAFE_INTEGER;
}

function writeKeyOf(req: IncomingMessage, body: Obj): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === "string" && /^basic /i.test(auth)) {
    const decoded = Buffer.from(auth.slice(6).trim(), "base64").toString("utf8");
    const user = decoded.split(":")[0];
    if (user !== "") return user;
  }
  return typeof body.writeKey === "string" ? body.writeKey : undefined;
}

function fail(status: number, message: string): Reply {
  return { status, body: { success: false, message } };
}

function reasonOf(status: number): string {
  return (
    { 400: "malformed", 401: "unauthorized", 405: "method", 413: "too_large", 503: "store_unavailable" }[status] ??
    "other"
  );
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) });
  res.end(text);
}

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
