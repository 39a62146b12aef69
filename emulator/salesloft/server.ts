// The HTTP plumbing: read a request, wait the configured latency, answer it (or drop it) and record it.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./body.js";
import { answerExchange, type Answered, type EmulatorState } from "./pipeline.js";
import { recordableHeaders, type RequestRecorder } from "./recorder.js";
import { defaultErrorBody, type Reply } from "./replies.js";

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startServer(state: EmulatorState, recorder: RequestRecorder): Promise<RunningServer> {
  const pendingDelays = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    // Last line of defence: whatever goes wrong with one request ends that request only.
    serveRequest(request, response, state, recorder, pendingDelays).catch(() => response.destroy());
  });
  await listen(server, state.options.port, state.options.host);
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
  state: EmulatorState,
  recorder: RequestRecorder,
  pendingDelays: Set<NodeJS.Timeout>,
): Promise<void> {
  const arrivedAt = state.options.now();
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const body = await readBody(request);
  await delay(state.options.latencyMs, pendingDelays);
  const answered = safelyAnswer(() =>
    answerExchange(
      {
        method: request.method ?? "GET",
        url,
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body,
      },
      state,
    ),
  );
  deliver(answered.reply, request, response, state.options.now());
  recorder.record({
    method: request.method ?? "GET",
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
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
    return {
      reply: { kind: "answer", status: 500, headers: {}, body: defaultErrorBody(500) },
      team: undefined,
      decodedBody: undefined,
    };
  }
}

function recordableBody(answered: Answered, rawText: string | undefined): unknown {
  const decoded = answered.decodedBody;
  if (decoded === undefined) return undefined;
  return decoded.ok ? decoded.value : rawText;
}

function deliver(reply: Reply, request: IncomingMessage, response: ServerResponse, now: number): void {
  if (reply.kind === "drop") {
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
