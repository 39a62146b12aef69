// Batching for `deliver` (design §4 `batch`): requests of a stream that may merge (batch-groups.ts) are held in an open
// batch until it is full or a short wait has passed, then sent; each event's promise gets its share of the answer.

import type { HttpRequest } from "../runtime/outcome.js";
import {
  batchKey,
  fits,
  isFull,
  join,
  memberOf,
  openGroup,
  sendGroup,
  type BatchGroup,
  type BatchMember,
  type BatchSend,
} from "./batch-groups.js";
import type { Clock } from "./clock.js";
import type { DeliverySendSpec } from "./request-guard.js";
import type { SendReport } from "./sender.js";

export type { BatchSend } from "./batch-groups.js";
export { listAt, withList } from "./batch-groups.js";

export const DEFAULT_BATCH_WAIT_MS = 200;

type Member = BatchMember & { readonly resolve: (report: SendReport) => void };
type Group = BatchGroup<Member> & { readonly timer: AbortController };

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
    const member = memberOf(request, spec);
    if (member === undefined) return this.send(request, 1, send, rateKey);
    const key = batchKey(request, spec, rateKey);
    let group = this.groups.get(key);
    if (group && !fits(group, member)) {
      this.flush(group);
      group = undefined;
    }
    group ??= this.open(key, request, send, rateKey);
    const opened = group;
    const result = new Promise<SendReport>((resolve) => join(opened, { ...member, resolve }));
    if (isFull(group)) this.flush(group);
    return result;
  }

  /** Sends every open batch now (end of input, or an interrupt). */
  flushAll(): void {
    for (const group of [...this.groups.values()]) this.flush(group);
  }

  private open(key: string, base: HttpRequest, send: DeliverySendSpec, rateKey: string | undefined): Group {
    const group: Group = { ...openGroup<Member>(key, base, send, rateKey), timer: new AbortController() };
    this.groups.set(key, group);
    void this.clock.sleep(this.waitMs, group.timer.signal).then(() => {
      if (!group.timer.signal.aborted) this.flush(group);
    });
    return group;
  }

  private flush(group: Group): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    group.timer.abort();
    const members = group.members;
    if (members.length === 0) return;
    void sendGroup(group, members, this.send).then((shares) =>
      shares.forEach((share, index) => members[index]!.resolve(share.report)),
    );
  }
}
