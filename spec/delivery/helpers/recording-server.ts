// A bare HTTP server on 127.0.0.1 that records every request exactly as it arrived and answers from a script.

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Arrived {
  readonly method: string;
  /** Path and query as sent on the request line. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** A function gets the request, e.g. to echo its URL back as a careless server does. */
  readonly body?: string | ((arrived: Arrived) => string);
}

export interface RecordingServer {
  readonly url: string;
  readonly arrived: Arrived[];
  /** Answers used in order; when they run out, `fallback` answers. */
  script(answers: readonly Answer[]): void;
  /** The answer once the script is used up; may be changed. */
  fallback: Answer;
  close(): Promise<void>;
}

export async function recordingServer(fallback: Answer = { status: 200, body: "{}" }): Promise<RecordingServer> {
  const arrived: Arrived[] = [];
  const queue: Answer[] = [];
  const state = { fallback };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = {
        method: request.method ?? "",
        target: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      arrived.push(entry);
      const answer = queue.shift() ?? state.fallback;
      const body = typeof answer.body === "function" ? answer.body(entry) : (answer.body ?? "");
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const result: RecordingServer = {
    get fallback() {
      return state.fallback;
    },
    set fallback(answer: Answer) {
      state.fallback = answer;
    },
    url: `http://127.0.0.1:${port}`,
    arrived,
    script: (answers) => queue.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return result;
}
