// What a batch is (design §4 `batch`), shared by `deliver`'s streaming Batcher and `serve`'s worker: which requests
// merge, how full a batch may get, sending one (a 413 splits it in halves) and each event's share of its answer.

import type { HttpRequest } from "../runtime/outcome.js";
import type { BatchItemResult } from "./adapter.js";
import type { DeliverySendSpec } from "./request-guard.js";
import type { SendReport } from "./sender.js";

export type BatchSpec = NonNullable<DeliverySendSpec["batch"]>;

/** One event's part of a batch: the list entries its own request carried. */
export interface BatchMember {
  readonly entries: readonly unknown[];
  readonly bytes: number;
}

/** Requests that may merge: the first one's envelope (everything outside the list) and the members so far. */
export interface BatchGroup<M extends BatchMember = BatchMember> {
  readonly key: string;
  readonly base: HttpRequest;
  readonly spec: BatchSpec;
  readonly send: DeliverySendSpec;
  readonly rateKey: string | undefined;
  readonly members: M[];
  items: number;
  bytes: number;
}

/** Sends one merged request carrying `items` list entries. */
export type BatchSend = (
  request: HttpRequest,
  items: number,
  send: DeliverySendSpec,
  rateKey?: string,
) => Promise<SendReport>;

/** One member's result, and the request (the batch, or the half of it after a 413) whose answer it is. */
export interface BatchShare {
  readonly report: SendReport;
  readonly request: HttpRequest;
  /** List entries the request carried in all. */
  readonly items: number;
}

/** The member a request makes: undefined when there is no list at the batch path (it is then sent alone). */
export function memberOf(request: HttpRequest, spec: BatchSpec): BatchMember | undefined {
  const entries = listAt(request.body, spec.path);
  if (entries === undefined) return undefined;
  return { entries, bytes: Buffer.byteLength(JSON.stringify(entries)) + 1 };
}

/** Requests merge when rate key, method, URL, headers and the body outside the list are all the same. */
export function batchKey(request: HttpRequest, spec: BatchSpec, rateKey: string | undefined): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => (a! < b! ? -1 : 1));
  const envelope = [request.method.toUpperCase(), request.url, headers, withList(request.body, spec.path, [])];
  return JSON.stringify([rateKey ?? "", JSON.stringify(envelope)]);
}

/** An empty group whose envelope is `base`'s. */
export function openGroup<M extends BatchMember>(
  key: string,
  base: HttpRequest,
  send: DeliverySendSpec,
  rateKey: string | undefined,
): BatchGroup<M> {
  const spec = send.batch!;
  const bytes = Buffer.byteLength(JSON.stringify(withList(base.body, spec.path, [])));
  return { key, base, spec, send, rateKey, members: [], items: 0, bytes };
}

/** Whether `member` still fits the group's item and byte limits. */
export function fits(group: BatchGroup, member: BatchMember): boolean {
  if (group.items + member.entries.length > group.spec.maxItems) return false;
  return group.spec.maxBytes === undefined || group.bytes + member.bytes <= group.spec.maxBytes;
}

export function join<M extends BatchMember>(group: BatchGroup<M>, member: M): void {
  group.members.push(member);
  group.items += member.entries.length;
  group.bytes += member.bytes;
}

export function isFull(group: BatchGroup): boolean {
  return group.items >= group.spec.maxItems;
}

/**
 * Sends the group's members as one request and resolves with one share per member, in order. A 413 on more than one
 * member splits them in halves, each sent (and split again) on its own.
 */
export async function sendGroup(
  group: BatchGroup,
  members: readonly BatchMember[],
  send: BatchSend,
): Promise<BatchShare[]> {
  const entries = members.flatMap((member) => member.entries);
  const request = { ...group.base, body: withList(group.base.body, group.spec.path, entries) };
  const report = await send(request, entries.length, group.send, group.rateKey);
  if (report.httpStatus === 413 && members.length > 1) {
    // Too large for the server whatever our limits said.
    const half = Math.ceil(members.length / 2);
    const halves = await Promise.all([
      sendGroup(group, members.slice(0, half), send),
      sendGroup(group, members.slice(half), send),
    ]);
    return halves.flat();
  }
  return shareOut(report, members).map((own) => ({ report: own, request, items: entries.length }));
}

/** Gives each member its part: the adapter's per-item results when it read them, else the batch's own result. */
function shareOut(report: SendReport, members: readonly BatchMember[]): SendReport[] {
  let offset = 0;
  return members.map((member, index) => {
    const own = report.items?.slice(offset, offset + member.entries.length);
    offset += member.entries.length;
    // The batch's 429s are the first member's to count, so a summary does not multiply them. The id an adapter
    // read from the whole answer names one record: it is no event's own when the batch carried several.
    const { personId: _batchId, ...anonymous } = report;
    const whole = members.length > 1 ? anonymous : report;
    const shared = index === 0 ? whole : { ...whole, rateLimited: 0 };
    return own && own.length === member.entries.length ? ownResult(shared, own) : shared;
  });
}

/** An event whose items all landed is delivered (even when others of the batch failed); else it failed. */
function ownResult(shared: SendReport, own: readonly BatchItemResult[]): SendReport {
  const failed = own.find((item): item is Extract<BatchItemResult, { ok: false }> => !item.ok);
  const { error: _batchError, ...rest } = shared;
  if (failed) return { ...rest, status: "failed", error: failed.error };
  const warnings = own.flatMap((item) => (item.ok && item.warning ? [item.warning] : []));
  const id = own.length === 1 && own[0]!.ok ? own[0]!.id : undefined;
  return {
    ...rest,
    status: "delivered",
    warnings: [...shared.warnings, ...warnings],
    ...(id !== undefined ? { personId: id } : {}),
  };
}

/** A request that may join a batch, with what the caller needs back (`tag`). */
export interface Batchable<T> {
  readonly request: HttpRequest;
  readonly send: DeliverySendSpec & { readonly batch: BatchSpec };
  readonly rateKey: string | undefined;
  readonly tag: T;
}

export type TaggedMember<T> = BatchMember & { readonly tag: T };

/** Requests grouped into batches; those with no list at their batch path are sent alone, unchanged. */
export interface BatchPlan<T> {
  readonly groups: readonly BatchGroup<TaggedMember<T>>[];
  readonly alone: readonly Batchable<T>[];
}

/**
 * Groups requests that are all known at once (the rows `serve` claimed), in their order, as the Batcher groups a
 * stream: a request joins the open group of its key while it fits, else that group is closed and a new one opened.
 */
export function planBatches<T>(requests: readonly Batchable<T>[]): BatchPlan<T> {
  const groups: BatchGroup<TaggedMember<T>>[] = [];
  const alone: Batchable<T>[] = [];
  const open = new Map<string, BatchGroup<TaggedMember<T>>>();
  for (const item of requests) {
    const { request, send, rateKey, tag } = item;
    const member = memberOf(request, send.batch);
    if (member === undefined) {
      alone.push(item);
      continue;
    }
    const key = batchKey(request, send.batch, rateKey);
    let group = open.get(key);
    if (group === undefined || !fits(group, member)) {
      group = openGroup<TaggedMember<T>>(key, request, send, rateKey);
      groups.push(group);
      open.set(key, group);
    }
    join(group, { ...member, tag });
  }
  return { groups, alone };
}

/** The list at `path` of the body (`[]`: the body itself); undefined when there is no list there. */
export function listAt(body: unknown, path: readonly string[]): unknown[] | undefined {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return Array.isArray(value) ? value : undefined;
}

/** The body with the list at `path` replaced. */
export function withList(body: unknown, path: readonly string[], list: readonly unknown[]): unknown {
  if (path.length === 0) return list;
  const [key, ...rest] = path;
  const record = (body ?? {}) as Record<string, unknown>;
  return { ...record, [key!]: withList(record[key!], rest, list) };
}
