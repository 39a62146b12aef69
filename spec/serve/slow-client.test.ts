// A client that trickles its request is cut off at the server's request timeout instead of holding a connection for
// Node's default five minutes (found by review: one byte every 5 s was still open after 120 s).

import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { CollectorOptions } from "../../serve/collect.js";
import { startHttpServer, type RunningServer } from "../../serve/http-server.js";
import { createMetrics } from "../../serve/metrics.js";
import type { Store } from "../../store/store.js";

let running: RunningServer | undefined;
afterEach(async () => {
  running?.server.closeAllConnections();
  await running?.close();
});

describe("a slow client", () => {
  it("is answered 408 and closed once its request takes longer than the request timeout", async () => {
    const store = {} as Store;
    const collector: CollectorOptions = {
      store,
      sources: [{ name: "web", writeKey: "wk" }],
      limits: { eventBytes: 32_768, requestBytes: 512_000 },
      corsOrigins: [],
      trustedProxies: [],
      route: () => [],
    };
    running = await startHttpServer("127.0.0.1", 0, {
      collector,
      metrics: createMetrics(store),
      ready: () => true,
      timeouts: { headersMs: 300, requestMs: 600 },
    });
    const { port } = new URL(running.url);
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    const closed = new Promise<void>((done) => socket.on("close", () => done()));
    socket.write(
      "POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    // One byte every 100 ms would take 10 s for the body; the server must not wait for it.
    const trickle = setInterval(() => socket.writable && socket.write(" "), 100);
    await closed;
    clearInterval(trickle);
    // Without the limit the body completes after 10 s and is answered 401 (no write key): 408 is the timeout's.
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
