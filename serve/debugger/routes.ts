// The debugger's routes for serve's HTTP server: the two pages, their bundled assets and the JSON API, all behind auth.

import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { ExtraRoute } from "../http-server.js";
import { clientIp } from "../http-meta.js";
import { defaultAssetsDir } from "./assets-dir.js";
import type { DebuggerDeps } from "./deps.js";
import { eventDetail, listEvents, readListQuery, replayEvent } from "./events-api.js";
import {
  hasCredentials,
  isAdmin,
  isSameOrigin,
  readJson,
  refuseThrottled,
  refuseUnauthenticated,
  SECURITY_HEADERS,
  sendJson,
  sendText,
} from "./http.js";
import { listIntegrations, readSaveRequest } from "./integrations-api.js";
import { pageHtml } from "./page.js";
import { SignInGuard, type SignInGuardOptions } from "./sign-in-guard.js";
import { EventStreams } from "./stream.js";

export interface DebuggerOptions {
  /** Where the bundled page lives (app.js, app.css); by default dist/web/debugger of this package. */
  readonly assetsDir?: string;
  /** How wrong passwords are throttled (by default ten in a row refuse the address for a minute, then longer). */
  readonly signIn?: SignInGuardOptions;
  /** serve's trustedProxies: behind one, each client's own address (X-Forwarded-For) is throttled, not the proxy's. */
  readonly trustedProxies?: readonly string[];
}

export interface DebuggerRoutes {
  /** Plug into startHttpServer's `routes`. */
  readonly route: ExtraRoute;
  /** Ends the open event streams; call before closing the HTTP server, or it waits for them. */
  close(): void;
}

const ASSETS: Readonly<Record<string, string>> = {
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

const OWNED = /^\/(debugger|integrations)(\/|$)|^\/api\//;

type Ctx = { req: IncomingMessage; res: ServerResponse; path: string; url: URL; deps: DebuggerDeps };

export function createDebugger(deps: DebuggerDeps, options: DebuggerOptions = {}): DebuggerRoutes {
  const streams = new EventStreams();
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  const guard = new SignInGuard(options.signIn);
  /** Admin's Basic credentials, checked unless this address sent too many wrong ones; otherwise answered 401/429. */
  const signedIn = (req: IncomingMessage, res: ServerResponse): boolean => {
    const address = clientIp(req, options.trustedProxies ?? []) ?? "unknown";
    const wait = guard.waitMs(address);
    if (wait > 0) return (refuseThrottled(res, wait), false);
    if (isAdmin(req, deps.adminPassword)) return (guard.succeeded(address), true);
    if (hasCredentials(req)) guard.failed(address);
    return (refuseUnauthenticated(res), false);
  };
  const route: ExtraRoute = async (req, res, path) => {
    if (!OWNED.test(path)) return false;
    if (!signedIn(req, res)) return true;
    const url = new URL(req.url ?? "/", "http://debugger");
    const ctx: Ctx = { req, res, path, url, deps };
    if (req.method === "GET" || req.method === "HEAD") await get(ctx, assetsDir, streams);
    else if (req.method === "POST") await post(ctx);
    else sendText(res, 405, "use GET or POST");
    return true;
  };
  return { route, close: () => streams.closeAll() };
}

function secrets(deps: DebuggerDeps, extra: readonly string[] = []): string[] {
  return [...(deps.secretValues?.() ?? []), deps.adminPassword, ...extra];
}

async function get(ctx: Ctx, assetsDir: string, streams: EventStreams): Promise<void> {
  const { res, path, deps } = ctx;
  if (path === "/debugger" || path === "/debugger/") return html(res, "debugger");
  if (path === "/integrations" || path === "/integrations/") return html(res, "integrations");
  const asset = /^\/debugger\/assets\/([a-z]+\.(?:js|css))$/.exec(path)?.[1];
  if (asset !== undefined && ASSETS[asset] !== undefined) return serveAsset(res, assetsDir, asset);
  if (path === "/api/events") {
    const query = readListQuery(ctx.url.searchParams);
    if (typeof query === "string") return sendJson(res, 400, { ok: false, problems: [query] }, []);
    return sendJson(res, 200, await listEvents(deps, query), secrets(deps));
  }
  if (path === "/api/events/stream")
    return streams.serve(ctx.req, res, deps, ctx.url.searchParams.get("reveal") === "1");
  const id = /^\/api\/events\/(\d{1,15})$/.exec(path)?.[1];
  if (id !== undefined) {
    const detail = await eventDetail(deps, Number(id));
    return detail === undefined
      ? sendJson(res, 404, { ok: false, problems: [`no event ${id} (it may have been pruned)`] }, [])
      : sendJson(res, 200, detail, secrets(deps));
  }
  if (path === "/api/integrations") return sendJson(res, 200, listIntegrations(deps), secrets(deps));
  sendText(res, 404, "not found");
}

async function post(ctx: Ctx): Promise<void> {
  const { req, res, path, deps } = ctx;
  if (!isSameOrigin(req)) return sendJson(res, 403, { ok: false, problems: ["cross-origin requests are refused"] }, []);
  const body = await readJson(req);
  if (typeof body === "string") return sendJson(res, 400, { ok: false, problems: [body] }, []);
  const replay = /^\/api\/events\/(\d{1,15})\/replay$/.exec(path)?.[1];
  if (replay !== undefined) {
    const integration = (body.value as { integration?: unknown } | null)?.integration;
    const result = await replayEvent(deps, Number(replay), typeof integration === "string" ? integration : undefined);
    if (result === undefined) return sendJson(res, 404, { ok: false, problems: [`no event ${replay}`] }, []);
    return sendJson(res, 200, { ok: true, ...result }, []);
  }
  if (path === "/api/integrations") return saveIntegration(ctx, body.value);
  const pause = /^\/api\/integrations\/([A-Za-z0-9_-]{1,63})\/(pause|resume)$/.exec(path);
  if (pause !== null) {
    if (!deps.integrations.list().some((s) => s.name === pause[1])) {
      return sendJson(res, 404, { ok: false, problems: [`no integration "${pause[1]}"`] }, []);
    }
    await deps.integrations.setPaused(pause[1], pause[2] === "pause");
    return sendJson(res, 200, { ok: true }, secrets(deps));
  }
  sendText(res, 404, "not found");
}

async function saveIntegration(ctx: Ctx, body: unknown): Promise<void> {
  const { res, deps } = ctx;
  const request = readSaveRequest(deps, body);
  if (Array.isArray(request)) return sendJson(res, 400, { ok: false, problems: request }, secrets(deps));
  const { secretValues, ...input } = request;
  let result;
  try {
    result = await deps.integrations.save(input);
  } catch {
    result = { ok: false as const, problems: ["the settings could not be saved (see the server log)"] };
  }
  // Whatever the pipeline answers, the key just typed in never travels back.
  sendJson(res, result.ok ? 200 : 400, result, secrets(deps, secretValues));
}

function html(res: ServerResponse, page: "debugger" | "integrations"): void {
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": "text/html; charset=utf-8" });
  res.end(pageHtml(page));
}

const cache = new Map<string, Buffer>();

async function serveAsset(res: ServerResponse, dir: string, name: string): Promise<void> {
  const file = join(dir, name);
  let bytes = cache.get(file);
  if (bytes === undefined) {
    try {
      bytes = await readFile(file);
    } catch {
      return sendText(res, 500, `the page's ${name} is missing from ${dir}: run npm run build`);
    }
    cache.set(file, bytes);
  }
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": ASSETS[name] });
  res.end(bytes);
}
