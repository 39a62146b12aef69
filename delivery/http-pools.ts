// HTTP transport for delivery: one keep-alive undici Pool per origin, answers read whole, errors reduced to a code.

import { Pool } from "undici";
import { MAX_TIMER_MS } from "./clock.js";
import type { HeaderMap } from "./retry-policy.js";

export interface HttpAnswer {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly bodyText: string;
}

/** One attempt's result. `code` is the error's code (ECONNRESET, UND_ERR_SOCKET, ...) or ABORTED when we cancelled. */
export type HttpAttempt =
  | { readonly kind: "response"; readonly answer: HttpAnswer }
  | { readonly kind: "error"; readonly code: string | undefined; readonly message: string };

/** The code of an attempt that got no complete answer within the policy's attemptTimeoutMs. */
export const ATTEMPT_TIMEOUT = "ATTEMPT_TIMEOUT";

export interface HttpCall {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpPoolsOptions {
  /** Connections per origin: the number of requests that can be on the wire at once. */
  readonly connections: number;
  /** Time allowed for one attempt, headers and body together. */
  readonly timeoutMs: number;
}

export class HttpPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: HttpPoolsOptions) {}

  async send(call: HttpCall): Promise<HttpAttempt> {
    // Our own timer for the whole attempt (headers and body): undici's timeouts tick with about one second's slack.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), Math.min(this.options.timeoutMs, MAX_TIMER_MS));
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    try {
      const response = await this.poolFor(call.url.origin).request({
        method: call.method as "POST",
        path: call.url.pathname + call.url.search,
        headers: { ...call.headers },
        body: call.body,
        signal,
      });
      const bodyText = await response.body.text();
      return {
        kind: "response",
        answer: { status: response.statusCode, headers: flattenHeaders(response.headers), bodyText },
      };
    } catch (error) {
      if (call.signal?.aborted) return { kind: "error", code: "ABORTED", message: "cancelled" };
      if (timeout.signal.aborted) {
        return {
          kind: "error",
          code: ATTEMPT_TIMEOUT,
          message: `no complete answer within ${this.options.timeoutMs} ms`,
        };
      }
      return { kind: "error", code: errorCode(error), message: errorMessage(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(pools.map((pool) => pool.close()));
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      // Servers close idle connections after a while; undici retires a socket before its keep-alive hint expires.
      pool = new Pool(origin, { connections: Math.max(1, this.options.connections), keepAliveTimeout: 30_000 });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** The code of an error or of its cause (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The error's own message only: causes and request options, which could echo headers, are left out. */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}
