// The live pipeline's HTTP server: collection, health, readiness and metrics; extra routes (the debugger) plug in.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { collect, isCollectPath, type CollectorOptions } from "./collect.js";
import type { PipelineMetrics } from "./metrics.js";

/** A route handler that answers when the path is its own and returns true; false lets the next one try. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> | boolean;

export interface HttpServerOptions {
  readonly collector: CollectorOptions;
  readonly metrics: PipelineMetrics;
  /** False once shutdown began: /readyz answers 503 so a load balancer stops sending. */
  readonly ready: () => boolean;
  readonly routes?: readonly ExtraRoute[];
  readonly log?: (line: Record<string, unknown>) => void;
  /** How long a client may take to send its headers, and its whole request; tests shorten them. */
  readonly timeouts?: { readonly headersMs: number; readonly requestMs: number };
}

/**
 * A tracking call is a few KiB: 15 s for the headers and 30 s for the whole request leave room for a slow phone
 * network, and stop a client that trickles a body from holding a connection for Node's default five minutes.
 */
export const DEFAULT_TIMEOUTS = { headersMs: 15_000, requestMs: 30_000 } as const;

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  /** Stops accepting connections; resolves when open requests have been answered. */
  close(): Promise<void>;
}

export async function startHttpServer(host: string, port: number, options: HttpServerOptions): Promise<RunningServer> {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often Node looks for requests past their time (30 s by default, longer than the limits themselves).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, timeouts.headersMs / 2)),
    },
    (req, res) => void dispatch(req, res, options),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function dispatch(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const path = new URL(req.url ?? "/", "http://signal-map").pathname;
  try {
    if (isCollectPath(path)) {
      if (!options.ready()) return plain(res, 503, "shutting down: retry against another process");
      const collector = options.collector;
      return await collect(req, res, {
        ...collector,
        onAccepted: (source, stored, duplicates) => {
          options.metrics.received.inc({ source }, stored + duplicates);
          options.metrics.accepted.inc({ source }, stored);
          options.metrics.duplicates.inc({ source }, duplicates);
          collector.onAccepted?.(source, stored, duplicates);
        },
        onRejected: (reason) => options.metrics.rejected.inc({ reason }),
        onStoreError: (error) =>
          options.log?.({ level: "error", msg: "collection could not store events", error: (error as Error).message }),
      });
    }
    if (req.method === "GET" && path === "/healthz") return plain(res, 200, "ok");
    if (req.method === "GET" && path === "/readyz")
      return plain(res, options.ready() ? 200 : 503, options.ready() ? "ready" : "stopping");
    if (req.method === "GET" && path === "/metrics") {
      const text = await options.metrics.registry.metrics();
      res.writeHead(200, { "Content-Type": options.metrics.registry.contentType });
      return void res.end(text);
    }
    for (const route of options.routes ?? []) if (await route(req, res, path)) return;
    plain(res, 404, "not found");
  } catch (error) {
    options.log?.({ level: "error", msg: "request failed", path, error: (error as Error).message });
    if (!res.headersSent) plain(res, 500, "internal error");
    else res.destroy();
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}
