// The HTTP plumbing of every emulator: read a request, wait the configured latency, answer it (or drop it), record it.

import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, type DecodedBody, type RawBody } from "./body.js";
import { recordableHeaders, recordableQuery, type RequestRecorder } from "./recorder.js";
import { jsonReply, type Reply } from "./replies.js";

/** One request as a destination module sees it. */
export interface IncomingExchange {
  readonly method: string;
  readonly url: URL;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  /** Lower-cased names. */
  readonly headers: IncomingHttpHeaders;
  readonly body: RawBody;
}

/** The reply, and what the recorder keeps about the request. */
export interface Answered {
  readonly reply: Reply;
  /** The account of a valid credential. */
  readonly team: string | undefined;
  readonly decodedBody: DecodedBody | undefined;
}

export interface ServerSetup {
  readonly port: number;
  readonly host: string;
  readonly now: () => number;
  /** Read on every request, so it can change while the emulator runs. */
  readonly latencyMs: () => number;
  readonly answer: (exchange: IncomingExchange) => Answered;
  /** The largest body read; a larger one reaches `answer` as too large. */
  readonly maxBodyBytes?: number;
  /** Query parameters that carry a credential, kept out of the record. */
  readonly secretQueryParams?: readonly string[];
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(setup: ServerSetup, recorder: RequestRecorder): Promise<RunningServer> {
  const pendingDelays = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    // Last line of defence: whatever goes wrong with one request ends that request only.
    serveRequest(request, response, setup, recorder, pendingDelays).catch(() => response.destroy());
  });
  await listen(server, setup.port, setup.host);
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => closeServer(server, pendingDelays) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function serveRequest(
  request: IncomingMessage,
  response: ServerResponse,
  setup: ServerSetup,
  recorder: RequestRecorder,
  pendingDelays: Set<NodeJS.Timeout>,
): Promise<void> {
  const arrivedAt = setup.now();
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const body = await readBody(request, setup.maxBodyBytes);
  await delay(setup.latencyMs(), pendingDelays);
  const method = request.method ?? "GET";
  const first = safelyAnswer(() =>
    setup.answer({
      method,
      url,
      authorization: request.headers.authorization,
      contentType: request.headers["content-type"],
      headers: request.headers,
      body,
    }),
  );
  const answered = await afterHolds(first, pendingDelays);
  deliver(answered.reply, request, response, setup.now());
  recorder.record({
    method,
    path: url.pathname,
    query: recordableQuery(url.searchParams, url.search, setup.secretQueryParams ?? []),
    status: answered.reply.kind === "answer" ? answered.reply.status : 0,
    dropped: answered.reply.kind === "drop",
    headers: recordableHeaders(request.headers),
    body: recordableBody(answered, body.ok ? body.text : undefined),
    team: answered.team,
    time: arrivedAt,
  });
}

/** A bug in the emulator becomes a 500 for that one request, never a crashed server. */
function safelyAnswer(answer: () => Answered): Answered {
  try {
    return answer();
  } catch {
    return { reply: jsonReply(500, { error: "Internal Server Error" }), team: undefined, decodedBody: undefined };
  }
}

function recordableBody(answered: Answered, rawText: string | undefined): unknown {
  const decoded = answered.decodedBody;
  if (decoded === undefined) return undefined;
  return decoded.ok ? decoded.value : rawText;
}

/** A held request is handled (and applied) when its delay ends, whether or not the client is still there. */
async function afterHolds(answered: Answered, pending: Set<NodeJS.Timeout>): Promise<Answered> {
  let current = answered;
  for (let reply = current.reply; reply.kind === "defer"; reply = current.reply) {
    await delay(reply.ms, pending);
    const then = reply.then;
    current = safelyAnswer(() => ({ ...answered, reply: then ? then() : jsonReply(500, { error: "nothing held" }) }));
  }
  return current;
}

function deliver(reply: Reply, request: IncomingMessage, response: ServerResponse, now: number): void {
  if (reply.kind !== "answer") {
    // Destroying the socket mid-request is what a client sees when a proxy or the network gives up.
    request.socket.destroy();
    return;
  }
  const payload = reply.body === null || reply.body === undefined ? "" : JSON.stringify(reply.body);
  // The Date header follows the emulator's clock, so a client computing the next rate-limit window from it agrees
  // with the limiter even when a test has moved the clock.
  response.sendDate = false;
  response.setHeader("date", new Date(now).toUTCString());
  if (payload !== "") response.setHeader("content-type", "application/json; charset=utf-8");
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.statusCode = reply.status;
  response.end(payload);
}

function delay(milliseconds: number, pending: Set<NodeJS.Timeout>): Promise<void> {
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(timer);
      resolve();
    }, milliseconds);
    pending.add(timer);
  });
}

/** Stops listening and cuts keep-alive connections, so close() never waits on an idle client. */
function closeServer(server: Server, pendingDelays: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of pendingDelays) clearTimeout(timer);
  pendingDelays.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
