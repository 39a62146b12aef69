// Batched delivery of claimed rows: the rows' requests are grouped as `deliver` groups them (delivery/batch-groups.ts),
// one request goes out per group (a 413 splits it), and each row gets its own share of the answer as its result.

import {
  planBatches,
  sendGroup,
  withList,
  type Batchable,
  type BatchGroup,
  type TaggedMember,
} from "../delivery/batch-groups.js";
import { guardRequest } from "../delivery/request-guard.js";
import type { SendReport } from "../delivery/sender.js";
import type { HttpRequest } from "../runtime/outcome.js";
import { redactOutcome, redactText } from "../runtime/redact.js";
import type { AttemptRecord, ClaimedRow } from "../store/store.js";
import type { IntegrationTarget, RateHandBack, ReadyEvent, SentRequest } from "./targets.js";
import type { AttemptResult, TargetResult } from "./worker.js";

type Batched = Batchable<number>;

/** Every row's result, in the order of `rows`; rows whose block declares no batch are sent one by one. */
export async function attemptRows(target: IntegrationTarget, rows: readonly ClaimedRow[]): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  const ready = new Map<number, ReadyEvent>();
  const batchable: Batched[] = [];
  const alone: number[] = [];
  rows.forEach((row, index) => {
    const event = target.ready(row.payload);
    if ("kind" in event) return void (results[index] = event);
    ready.set(index, event);
    const send = event.prepared.send;
    if (send?.batch === undefined) return void alone.push(index);
    // Each request passes the guard before it joins a batch, as in deliver: a refused one fails alone, named.
    const guarded = guardRequest(event.outcome.request, send);
    if (!guarded.ok) return void (results[index] = refused(event, guarded.error));
    batchable.push({
      request: event.outcome.request,
      send: { ...send, batch: send.batch },
      rateKey: event.prepared.rateKey,
      tag: index,
    });
  });
  const plan = planBatches(batchable);
  alone.push(...plan.alone.map((item) => item.tag));
  await Promise.all([
    ...alone.map(async (index) => (results[index] = await target.sendAlone(ready.get(index)!))),
    ...plan.groups.map(async (group) => {
      const shares = await sendBatch(target, group, ready);
      group.members.forEach((member, k) => (results[member.tag] = shares[k]!));
    }),
  ]);
  return results;
}

/** Sends one group (split on 413) and turns each member's share of the answer into its row's result. */
async function sendBatch(
  target: IntegrationTarget,
  group: BatchGroup<TaggedMember<number>>,
  ready: ReadonlyMap<number, ReadyEvent>,
): Promise<AttemptResult[]> {
  const sent = new Map<HttpRequest, SentRequest | RateHandBack>();
  const shares = await sendGroup(group, group.members, async (request, items, send, rateKey) => {
    const outcome = await target.sendRequest(request, { send, rateKey, batchItems: items });
    sent.set(request, outcome);
    return "kind" in outcome ? notSent(outcome.error) : outcome.report;
  });
  return shares.map((share, k) => {
    const member = group.members[k]!;
    const event = ready.get(member.tag)!;
    const request = sent.get(share.request)!;
    // Handed back to the store while waiting on the shared rate limit: every event of the request waits alike.
    if ("kind" in request) return request;
    const shown = shownRequest(target, event, share.request, member.entries, share.items);
    const record = target.recordOf({ ...request, report: share.report }, shown, event.secrets);
    return target.resultOf(share.report, ownResponse(record, share.items), event.outcome.warnings);
  });
}

/**
 * What the debugger keeps of a batched request for one event: the request as sent (redacted) with its list holding
 * this event's own entries, and how many the request carried. Storing the whole batch with every event would keep
 * up to N copies of N people's data.
 */
function shownRequest(
  target: IntegrationTarget,
  event: ReadyEvent,
  request: HttpRequest,
  entries: readonly unknown[],
  items: number,
): unknown {
  const path = event.prepared.send!.batch!.path;
  const own = { ...target.asSent(request), body: withList(request.body, path, entries) };
  const shown = redactOutcome({ ...event.outcome, request: own }, target.meta, event.secrets);
  if (shown.outcome !== "send") return undefined;
  return { ...shown.request, batch: { items, path: path.join(".") || "(body)" } };
}

/**
 * A success answer to a batch echoes every event's record (HubSpot returns each contact): kept with each event it
 * would copy other people's data into every record, so only its status is kept. Error answers, which say what the
 * destination refused, are kept (bounded) as they are.
 */
function ownResponse(record: AttemptRecord, items: number): AttemptRecord {
  const status = record.httpStatus;
  if (items <= 1 || status === undefined || status < 200 || status >= 300) return record;
  return { ...record, response: { status, body: `the answer to a batch of ${items} events (not kept per event)` } };
}

function refused(event: ReadyEvent, error: string): AttemptResult {
  const id = event.outcome.messageId;
  const name = id ? `event ${JSON.stringify(id)}` : "an event without messageId";
  const message = redactText(`request refused for ${name}: ${error}`, event.secrets);
  return { kind: "failed", record: { at: Date.now(), durationMs: 0, error: message }, error: message };
}

function notSent(error: string): SendReport {
  return { status: "failed", attempts: 0, rateLimited: 0, warnings: [], error, interrupted: false };
}
