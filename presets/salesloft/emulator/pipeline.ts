// The order every request goes through: route, authenticate, rate-limit, scope, injected faults, then the endpoint.

import { PEOPLE_SCOPE, authenticate, hasScope, missingScopeMessage } from "./auth.js";
import { decodeBody, type DecodedBody } from "../../../emulator/body.js";
import type { Answered, IncomingExchange } from "../../../emulator/server.js";
import { listCustomFields, type CustomFieldCatalog } from "./custom-fields.js";
import type { FaultInjector } from "../../../emulator/faults.js";
import type { ResolvedOptions } from "./options.js";
import { listPeople } from "./people.js";
import {
  secondsUntil,
  type FixedWindowRateLimiter,
  type RateDecision,
  type WindowTally,
} from "../../../emulator/rate-limit.js";
import type { UpdateHistory } from "./history.js";
import { DROP, type Reply } from "../../../emulator/replies.js";
import { RATE_LIMITED_MESSAGE, errorReply } from "./replies.js";
import { matchRoute, type RouteName } from "./router.js";
import type { PersonStore } from "./store.js";
import { handleUpsert } from "./upsert.js";

/** Everything the emulator keeps between requests. */
export interface EmulatorState {
  options: ResolvedOptions;
  readonly store: PersonStore;
  readonly catalog: CustomFieldCatalog;
  readonly limiter: FixedWindowRateLimiter;
  readonly faults: FaultInjector;
  /** Requests per team and clock minute, refused ones included. */
  readonly tally: WindowTally;
  /** Each person's applied updates, in order. */
  readonly history: UpdateHistory;
}

export function answerExchange(exchange: IncomingExchange, state: EmulatorState): Answered {
  const decodedBody = exchange.body.ok ? decodeBody(exchange.body.text, exchange.contentType) : undefined;
  const route = matchRoute(exchange.method, exchange.url.pathname);
  if (route === undefined)
    return { reply: withRateHeaders(errorReply(404, "Not Found")), team: undefined, decodedBody };
  const auth = authenticate(exchange.authorization, state.options.apiKeys);
  if (!auth.ok) return { reply: withRateHeaders(errorReply(401, auth.message)), team: undefined, decodedBody };
  const now = state.options.now();
  const decision = state.limiter.take(auth.grant.team, state.options.rateLimitPerMinute, now);
  const team = auth.grant.team;
  state.tally.count(team, now, decision.allowed);
  if (!decision.allowed) return { reply: rateLimited(decision, now, state.options), team, decodedBody };
  const reply =
    route.scope !== undefined && !hasScope(auth.grant, route.scope)
      ? errorReply(403, missingScopeMessage(PEOPLE_SCOPE))
      : withEndpoint(injectedFault(route.name, state), () => endpointReply(route.name, exchange, decodedBody, state));
  return { reply: withRateHeaders(reply, decision), team, decodedBody };
}

/** Scripted answers are for upserts only; random faults hit any endpoint, as a flaky network would. */
function injectedFault(route: RouteName, state: EmulatorState): Reply | undefined {
  const scripted = route === "upsertPerson" ? state.faults.takeScripted() : undefined;
  return scripted ?? state.faults.roll(state.options);
}

function endpointReply(
  route: RouteName,
  exchange: IncomingExchange,
  decodedBody: DecodedBody | undefined,
  state: EmulatorState,
): Reply {
  switch (route) {
    case "listPeople":
      return listPeople(state.store, exchange.url.searchParams);
    case "listCustomFields":
      return listCustomFields(state.catalog, exchange.url.searchParams);
    case "upsertPerson":
      if (decodedBody === undefined) return errorReply(413, "Request body too large");
      return handleUpsert(decodedBody, {
        store: state.store,
        catalog: state.catalog,
        responseShape: state.options.responseShape,
        unknownCustomFieldStatus: state.options.unknownCustomFieldStatus,
        timestamp: new Date(state.options.now()).toISOString(),
        history: { log: state.history, at: state.options.now() },
      });
  }
}

function rateLimited(decision: RateDecision, now: number, options: ResolvedOptions): Reply {
  // Retry-After is off by default: FACTS says Salesloft does not document it, so clients must cope without it.
  const retryAfter: Record<string, string> = options.retryAfterHeader
    ? { "retry-after": String(secondsUntil(decision.windowEndsAt, now)) }
    : {};
  return withRateHeaders(errorReply(429, RATE_LIMITED_MESSAGE, retryAfter), decision);
}

/** The injected fault, else the endpoint; a held request reaches the endpoint (and changes the store) only later. */
function withEndpoint(fault: Reply | undefined, endpoint: () => Reply): Reply {
  if (fault === undefined) return endpoint();
  return fault.kind === "defer" ? { ...fault, then: endpoint } : fault;
}

/** Adds the rate-limit headers under the reply's own, so a scripted answer can override them. */
function withRateHeaders(reply: Reply, decision?: RateDecision): Reply {
  if (reply.kind === "drop") return reply;
  if (reply.kind === "defer") return { ...reply, then: () => withRateHeaders(reply.then?.() ?? DROP, decision) };
  return { ...reply, headers: { ...rateLimitHeaders(decision), ...reply.headers } };
}

/** The rate-limit headers every answer carries once the team is known. */
export function rateLimitHeaders(decision: RateDecision | undefined): Record<string, string> {
  const headers: Record<string, string> = { "x-ratelimit-endpoint-cost": "1" };
  if (decision?.limit !== undefined && decision.remaining !== undefined) {
    headers["x-ratelimit-remaining-minute"] = String(decision.remaining);
    headers["x-ratelimit-limit-minute"] = String(decision.limit);
  }
  return headers;
}
