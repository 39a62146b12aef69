// The two servers the ingestion benchmark compares, each run in its own process: `serve` itself (collection with its
// validation, write-key check, routing through the Salesloft preset and metrics) and the floor, a bare `node:http`
// server that parses the same JSON and writes the same rows through the same SQLite store (libsql, WAL,
// synchronous=FULL, the same group commit), answering 200 only after the commit as serve does.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../loader/paths.js";
import { parseServeConfig } from "../serve/config.js";
import { startPipeline } from "../serve/pipeline.js";
import { openSqliteStore } from "../store/sqlite-store.js";
import type { IncomingEvent, Store } from "../store/store.js";
import type { IngestService } from "./ingest-worker.js";

export const WRITE_KEY = "wk_bench";
export const BENCH_API_KEY = "bench-key-not-secret";

export interface ServerJob {
  readonly kind: "serve" | "floor";
  /** serve only: where the Salesloft integration delivers; absent, the integration is paused (ingestion alone). */
  readonly emulatorUrl?: string;
}

/** Both servers report their URL; `count` answers how many outbox rows the store holds (every state). */
export interface ServerInfo {
  readonly url: string;
}

export async function startServeServer(job: ServerJob): Promise<IngestService> {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-bench-serve-"));
  const raw = {
    listen: { host: "127.0.0.1", port: 0 },
    store: `sqlite:${join(dir, "store.db")}`,
    sources: [{ name: "web", writeKey: WRITE_KEY }],
    integrations: [
      {
        name: "salesloft",
        preset: join(packageRoot, "presets", "salesloft", "lead-capture.map"),
        settings: { api_key: { env: "BENCH_SALESLOFT_API_KEY" } },
        // Paused, the worker claims nothing: the figure is collection and routing alone, as the floor's is.
        paused: job.emulatorUrl === undefined,
        ...(job.emulatorUrl !== undefined ? { baseUrl: job.emulatorUrl } : {}),
        // The destination's budget lifted (and the emulator's too), so the latency is the pipeline's own.
        rateLimitPerMinute: 100_000_000,
      },
    ],
  };
  const parsed = parseServeConfig(raw, dir);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const env = { BENCH_SALESLOFT_API_KEY: BENCH_API_KEY };
  const pipeline = await startPipeline({ config: parsed.config, env, log: () => undefined });
  return {
    info: { url: pipeline.url } satisfies ServerInfo,
    handle: () => rowCount(pipeline.store),
    close: async () => {
      await pipeline.close(5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startFloorServer(): Promise<IngestService> {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-bench-floor-"));
  const store = openSqliteStore(join(dir, "store.db"));
  const server = createServer((req, res) => void floorRequest(req, res, store));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://127.0.0.1:${port}` } satisfies ServerInfo,
    handle: () => rowCount(store),
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function rowCount(store: Store): Promise<number> {
  const stats = await store.stats(Date.now());
  return Object.values(stats.byState).reduce((sum, n) => sum + n, 0);
}

/** The floor: read, parse, one event row and one outbox row per event (ordered by the email), commit, answer. */
async function floorRequest(req: IncomingMessage, res: ServerResponse, store: Store): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    const type = req.url?.slice("/v1/".length) ?? "";
    const messages = type === "batch" ? (body.batch as Record<string, unknown>[]) : [{ ...body, type }];
    const receivedAt = Date.now();
    const events: IncomingEvent[] = messages.map((message) => {
      const context = { ...(message.context as object | undefined), ip: req.socket.remoteAddress };
      const messageId = message.messageId ?? randomUUID();
      const event = { ...message, messageId, receivedAt: new Date(receivedAt).toISOString(), context };
      const email = (event as { traits?: { email?: unknown } }).traits?.email;
      const orderKey = typeof email === "string" ? email.trim().toLowerCase() : undefined;
      return {
        source: "web",
        messageId: String(event.messageId),
        payload: JSON.stringify(event),
        receivedAt,
        routes: [{ integration: "salesloft", ...(orderKey !== undefined ? { orderKey } : {}) }],
      };
    });
    await store.ingest(events);
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"success":true}');
  } catch (error) {
    res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ message: String(error) }));
  }
}
