// The playground's HTTP server on 127.0.0.1: the bundled page, the starting example, and POST /api/run.

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { salesloftExample } from "./example.js";
import { pageBuildDir } from "./paths.js";
import { parseRunRequest, runInMemory } from "./run.js";

const MAX_BODY = 2 * 1024 * 1024;

/** Only our own files and our own server: no inline script, no eval, no other origin. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_FILES: Readonly<Record<string, { file: string; type: string }>> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

export interface Playground {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    "Content-Type": type,
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value));

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) resolve(undefined);
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A request from another site (a page the user has open elsewhere) must not drive the compiler. */
function sameOrigin(request: IncomingMessage, url: string): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  return (origin === undefined || origin === url) && host === new URL(url).host;
}

async function handleRun(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!(request.headers["content-type"] ?? "").startsWith("application/json"))
    return sendJson(response, 415, { problem: "send JSON" });
  const text = await readBody(request);
  if (text === undefined) return sendJson(response, 413, { problem: "the request is too large" });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendJson(response, 400, { problem: "the request body is not valid JSON" });
  }
  const parsed = parseRunRequest(body);
  if (typeof parsed === "string") return sendJson(response, 400, { problem: parsed });
  const answer = await runInMemory(parsed);
  sendJson(response, answer.status, answer.body);
}

async function handle(request: IncomingMessage, response: ServerResponse, url: string, pageDir: string): Promise<void> {
  if (!sameOrigin(request, url)) return sendJson(response, 403, { problem: "only the playground page may call it" });
  const path = new URL(request.url ?? "/", url).pathname;
  if (request.method === "POST" && path === "/api/run") return handleRun(request, response);
  if (request.method !== "GET") return sendJson(response, 405, { problem: "method not allowed" });
  if (path === "/api/example") return sendJson(response, 200, salesloftExample());
  if (path === "/favicon.ico") return send(response, 204, "text/plain", "");
  const page = PAGE_FILES[path];
  if (page === undefined) return sendJson(response, 404, { problem: "not found" });
  const content = await readFile(join(pageDir, page.file)).catch(() => undefined);
  if (content === undefined) return sendJson(response, 500, { problem: "the page is not built: run npm run build" });
  send(response, 200, page.type, content);
}

export interface PlaygroundOptions {
  /** 0 (the default) takes any free port. */
  readonly port?: number;
  /** The bundled page's folder (default: dist/web/playground, written by `npm run build`). */
  readonly pageDir?: string;
}

/** Listens on 127.0.0.1 only and resolves once it is listening. */
export function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const pageDir = options.pageDir ?? pageBuildDir();
  return new Promise((resolve, reject) => {
    let url = "";
    const server = createServer((request, response) => {
      handle(request, response, url, pageDir).catch((error: unknown) =>
        sendJson(response, 500, { problem: `internal error: ${(error as Error).message}` }),
      );
    });
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const close = () => new Promise<void>((done) => server.close(() => done()));
      resolve({ server, url, close });
    });
  });
}
