// Batching (design §4 `batch`): requests that share method, URL, headers and every part of the body outside the
// batch list are merged, up to maxItems / maxBytes, sent when full or after a short wait; a 413 splits the batch.

import type { HttpRequest } from "../runtime/outcome.js";
import type { Clock } from "./clock.js";
import type { DeliverySendSpec } from "./request-guard.js";
import type { BatchItemResult } from "./adapter.js";
import type { SendReport } from "./sender.js";

export const DEFAULT_BATCH_WAIT_MS = 200;

type BatchSpec = NonNullable<DeliverySendSpec["batch"]>;

/** Sends one merged request carrying `items` list entries; the pipeline gives it a concurrency slot. */
export type BatchSend = (
  request: HttpRequest,
  items: number,
  send: DeliverySendSpec,
  rateKey?: string,
) => Promise<SendReport>;

interface Member {
  readonly entries: readonly unknown[];
  readonly bytes: number;
  readonly resolve: (report: SendReport) => void;
}

interface Group {
  readonly key: string;
  readonly base: HttpRequest;
  readonly spec: BatchSpec;
  readonly send: DeliverySendSpec;
  readonly rateKey: string | undefined;
  readonly members: Member[];
  items: number;
  bytes: number;
  readonly timer: AbortController;
}

export class Batcher {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly send: BatchSend,
    private readonly clock: Clock,
    private readonly waitMs: number = DEFAULT_BATCH_WAIT_MS,
  ) {}

  /** Resolves with this event's share of its batch's result. A request whose list is not a list is sent alone. */
  add(request: HttpRequest, send: DeliverySendSpec, rateKey?: string): Promise<SendReport> {
    const spec = send.batch!;
    const entries = listAt(request.body, spec.path);
    if (entries === undefined) return this.send(request, 1, send, rateKey);
    const key = JSON.stringify([rateKey ?? "", groupKey(request, spec.path)]);
    const bytes = Buffer.byteLength(JSON.stringify(entries)) + 1;
    let group = this.groups.get(key);
    if (group && !fits(group, entries.length, bytes)) {
      this.flush(group);
      group = undefined;
    }
    group ??= this.open(key, request, send, rateKey);
    const result = new Promise<SendReport>((resolve) => group.members.push({ entries, bytes, resolve }));
    group.items += entries.length;
    group.bytes += bytes;
    if (group.items >= spec.maxItems) this.flush(group);
    return result;
  }

  /** Sends every open batch now (end of input, or an interrupt). */
  flushAll(): void {
    for (const group of [...this.groups.values()]) this.flush(group);
  }

  private open(key: string, base: HttpRequest, send: DeliverySendSpec, rateKey: string | undefined): Group {
    const spec = send.batch!;
    const baseBytes = Buffer.byteLength(JSON.stringify(withList(base.body, spec.path, [])));
    const timer = new AbortController();
    const group: Group = { key, base, spec, send, rateKey, members: [], items: 0, bytes: baseBytes, timer };
    this.groups.set(key, group);
    void this.clock.sleep(this.waitMs, group.timer.signal).then(() => {
      if (!group.timer.signal.aborted) this.flush(group);
    });
    return group;
  }

  private flush(group: Group): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    group.timer.abort();
    if (group.members.length > 0) void this.sendMembers(group, group.members);
  }

  private async sendMembers(group: Group, members: readonly Member[]): Promise<void> {
    const entries = members.flatMap((member) => member.entries);
    const request = { ...group.base, body: withList(group.base.body, group.spec.path, entries) };
    const report = await this.send(request, entries.length, group.send, group.rateKey);
    if (report.httpStatus === 413 && members.length > 1) {
      // Too large for the server whatever our limits said: halves, each sent (and split again) on its own.
      const half = Math.ceil(members.length / 2);
      await Promise.all([
        this.sendMembers(group, members.slice(0, half)),
        this.sendMembers(group, members.slice(half)),
      ]);
      return;
    }
    shareOut(report, members);
  }
}

/** Gives each member its part: the adapter's per-item results when it read them, else the batch's own result. */
function shareOut(report: SendReport, members: readonly Member[]): void {
  let offset = 0;
  members.forEach((member, index) => {
    const own = report.items?.slice(offset, offset + member.entries.length);
    offset += member.entries.length;
    // The batch's 429s and attempts are the first member's to count, so the summary does not multiply them.
    const shared = index === 0 ? report : { ...report, rateLimited: 0 };
    member.resolve(own && own.length === member.entries.length ? ownResult(shared, own) : shared);
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

function fits(group: Group, items: number, bytes: number): boolean {
  if (group.items + items > group.spec.maxItems) return false;
  return group.spec.maxBytes === undefined || group.bytes + bytes <= group.spec.maxBytes;
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

/** Requests merge when method, URL, headers and the body outside the list are all the same. */
function groupKey(request: HttpRequest, path: readonly string[]): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => (a! < b! ? -1 : 1));
  return JSON.stringify([request.method.toUpperCase(), request.url, headers, withList(request.body, path, [])]);
}
