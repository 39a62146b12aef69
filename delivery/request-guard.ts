// The checks every request passes before a credential leaves: its origin and path shape are the preset's, its
// headers cannot be split. A refusal is an error result; nothing is sent.

import type { HttpRequest } from "../runtime/outcome.js";

/** What delivery needs of a compiled `send` (design §6 SendSpec). */
export interface DeliverySendSpec {
  readonly method: string;
  /** "https://api.example.com": delivery refuses any other. */
  readonly origin: string;
  /** The URL as written, slots in braces. */
  readonly urlTemplate: string;
  readonly batch?: { readonly path: readonly string[]; readonly maxItems: number; readonly maxBytes?: number };
}

export type GuardResult = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: string };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNSAFE_VALUE = /[\0\r\n]/;

/** Checks the request against its SendSpec (when the module has one), then moves it onto `baseUrl`. */
export function guardRequest(request: HttpRequest, send: DeliverySendSpec | undefined, baseUrl?: string): GuardResult {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(`the request URL is not a valid URL; nothing was sent`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse(`the request URL is not http or https; nothing was sent`);
  }
  const headerProblem = checkHeaders(request.headers);
  if (headerProblem) return refuse(headerProblem);
  if (send) {
    const problem = checkAgainstSpec(request, url, send);
    if (problem) return refuse(problem);
  }
  const moved = rebase(url, baseUrl);
  return moved ? { ok: true, url: moved } : refuse("--base-url is not a valid URL; nothing was sent");
}

function checkHeaders(headers: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      return `header name ${JSON.stringify(name)} is not a valid HTTP header name; nothing was sent`;
    if (typeof value !== "string") return `header ${name} has no text value; nothing was sent`;
    if (UNSAFE_VALUE.test(value)) {
      return `header ${name} holds a line break (CR or LF) or NUL, which could add headers of its own; nothing was sent`;
    }
  }
  return undefined;
}

function checkAgainstSpec(request: HttpRequest, url: URL, send: DeliverySendSpec): string | undefined {
  let declared: string;
  try {
    declared = new URL(send.origin).origin;
  } catch {
    return `the preset declares no valid origin (${JSON.stringify(send.origin)}); nothing was sent`;
  }
  if (url.origin !== declared) {
    return `origin refused: the request would go to ${url.origin}, not ${declared} as the preset declares; the credential is never sent elsewhere, nothing was sent`;
  }
  if (request.method.toUpperCase() !== send.method.toUpperCase()) {
    return `method refused: the request is ${request.method}, the preset declares ${send.method}; nothing was sent`;
  }
  const pattern = pathPattern(send.urlTemplate);
  if (pattern && !pattern.test(url.pathname)) {
    return `path refused: ${url.pathname} does not have the shape of ${templatePath(send.urlTemplate)} that the preset declares; nothing was sent`;
  }
  return undefined;
}

const SLOT_MARK = "SIGNALMAPSLOT";

/** A regular expression for the template's path: literal parts as the URL parser writes them, each slot one segment. */
export function pathPattern(urlTemplate: string): RegExp | undefined {
  const marked = urlTemplate
    .replace(/\{\{/g, "\u0000")
    .replace(/\}\}/g, "\u0001")
    .replace(/\{[^{}]*\}/g, SLOT_MARK)
    .replace(/\u0000/g, "{")
    .replace(/\u0001/g, "}");
  let path: string;
  try {
    path = new URL(marked.split(/[?#]/)[0]!).pathname;
  } catch {
    return undefined;
  }
  const source = path
    .split(SLOT_MARK)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/?#]+");
  return new RegExp(`^${source}$`);
}

function templatePath(urlTemplate: string): string {
  const afterOrigin = urlTemplate.replace(/^[a-z]+:\/\/[^/]*/i, "");
  return afterOrigin.split("?")[0] || "/";
}

/** The URL moved onto `baseUrl` when one is given: its scheme, host and port, and any path prefix it has. */
export function rebase(url: URL, baseUrl: string | undefined): URL | undefined {
  if (!baseUrl) return url;
  const moved = onBase(baseUrl, url.pathname + url.search);
  try {
    return moved === undefined ? undefined : new URL(moved);
  } catch {
    return undefined;
  }
}

/**
 * `pathAndQuery` (from its `/`) after `baseUrl`'s origin and path prefix, as text: the caller's characters stay as
 * they are. Undefined when `baseUrl` is not a URL.
 */
export function onBase(baseUrl: string, pathAndQuery: string): string | undefined {
  try {
    const base = new URL(baseUrl);
    const rest = pathAndQuery.startsWith("/") ? pathAndQuery : `/${pathAndQuery}`;
    return base.origin + base.pathname.replace(/\/+$/, "") + rest;
  } catch {
    return undefined;
  }
}

function refuse(error: string): GuardResult {
  return { ok: false, error };
}
