// The debugger's HTTP rules: Basic auth as "admin", same-origin only, strict headers, and secret-free JSON answers.

import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { redactText } from "../../runtime/redact.js";
import { readBody } from "../http-body.js";

/** Sent with every answer: the page loads only its own files, cannot be framed, and leaks no referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** True when the request carries Basic credentials admin:password; compared in constant time. */
export function isAdmin(req: IncomingMessage, password: string): boolean {
  if (password === "") return false;
  const header = req.headers.authorization;
  if (typeof header !== "string" || !/^basic /i.test(header)) return false;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  // Hashing first gives equal lengths, so timingSafeEqual never throws and the length is not revealed either.
  const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest("admin"));
  const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(password));
  return userOk && passwordOk;
}

/** Whether the request tried to sign in at all: a browser first asks without credentials, which is no guess. */
export function hasCredentials(req: IncomingMessage): boolean {
  return typeof req.headers.authorization === "string" && req.headers.authorization.trim() !== "";
}

/** Too many wrong passwords from this address: no password is checked until the wait is over. */
export function refuseThrottled(res: ServerResponse, waitMs: number): void {
  res.writeHead(429, {
    ...SECURITY_HEADERS,
    "Retry-After": String(Math.ceil(waitMs / 1000)),
    "Content-Type": "text/plain; charset=utf-8",
  });
  res.end("too many wrong passwords from this address: try again later");
}

export function refuseUnauthenticated(res: ServerResponse): void {
  res.writeHead(401, {
    ...SECURITY_HEADERS,
    "WWW-Authenticate": 'Basic realm="signal-map debugger", charset="UTF-8"',
    "Content-Type": "text/plain; charset=utf-8",
  });
  res.end("sign in as admin with the password from the config");
}

/**
 * A state-changing request must come from the page itself: an Origin (or Sec-Fetch-Site) naming another site is
 * refused, since a browser sends the Basic credentials along with a cross-site form post.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** A JSON answer, with every known secret replaced by "[redacted]" on the way out. */
export function sendJson(res: ServerResponse, status: number, body: unknown, secrets: readonly string[]): void {
  const text = redactText(JSON.stringify(body), secrets);
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "application/json; charset=utf-8" });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

/** The JSON body of an API call, or a message saying why it is not one. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<{ value: unknown } | string> {
  const type = req.headers["content-type"] ?? "";
  // Requiring JSON also means a cross-site form cannot post here without a CORS preflight, which is never granted.
  if (!/^application\/json\b/i.test(type)) return "send the body as application/json";
  let bytes: Buffer;
  try {
    bytes = await readBody(req, limit);
  } catch {
    return `the body is larger than ${limit} bytes`;
  }
  try {
    return { value: JSON.parse(bytes.toString("utf8")) as unknown };
  } catch {
    return "the body is not valid JSON";
  }
}
