// The log of every request an emulator saw, bounded in count and bytes, with credentials never kept.

import type { IncomingHttpHeaders } from "node:http";

export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string, e.g. "/v2/person_upserts.json". */
  readonly path: string;
  /** The query string without "?", "" when there is none; credential parameters show "[redacted]". */
  readonly query: string;
  /** The status answered; 0 when the connection was dropped without an answer. */
  readonly status: number;
  readonly dropped: boolean;
  /** Lower-cased names; `authorization` shows only its scheme, e.g. "Bearer [redacted]". */
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded body (JSON or form), the raw text when it could not be decoded, undefined when empty. */
  readonly body: unknown;
  /** The account (team, app, project) of the credential, when it was valid. */
  readonly team: string | undefined;
  /** Arrival time on the emulator's clock, in milliseconds since the epoch. */
  readonly time: number;
}

export interface RecorderLimits {
  /** Requests kept; the oldest are forgotten first. Default 10,000. */
  readonly maxRequests?: number;
  /** Approximate bytes of recorded bodies kept. Default 50 MB. */
  readonly maxBytes?: number;
}

export const DEFAULT_RECORDER_LIMITS = { maxRequests: 10_000, maxBytes: 50_000_000 } as const;

/** Keeps the newest requests within both limits, so a long benchmark run never grows the emulator without bound. */
export class RequestRecorder {
  private entries: { entry: RecordedRequest; bytes: number }[] = [];
  private bytes = 0;
  private readonly maxRequests: number;
  private readonly maxBytes: number;

  constructor(limits: RecorderLimits = {}) {
    this.maxRequests = Math.max(1, limits.maxRequests ?? DEFAULT_RECORDER_LIMITS.maxRequests);
    this.maxBytes = Math.max(1, limits.maxBytes ?? DEFAULT_RECORDER_LIMITS.maxBytes);
  }

  record(entry: RecordedRequest): void {
    const bytes = sizeOf(entry.body) + entry.path.length + entry.query.length;
    this.entries.push({ entry, bytes });
    this.bytes += bytes;
    while (this.entries.length > this.maxRequests || (this.bytes > this.maxBytes && this.entries.length > 1)) {
      this.bytes -= this.entries.shift()!.bytes;
    }
  }

  list(): RecordedRequest[] {
    return this.entries.map(({ entry }) => structuredClone(entry));
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
  }
}

function sizeOf(body: unknown): number {
  if (body === undefined) return 0;
  try {
    return typeof body === "string" ? body.length : JSON.stringify(body).length;
  } catch {
    return 0;
  }
}

/** The authorization header as recorded: its scheme kept, its secret never stored. */
export function redactAuthorization(value: string): string {
  const scheme = /^\s*(Bearer|Basic|Token)\b/i.exec(value)?.[1];
  return scheme ? `${scheme} [redacted]` : "[redacted]";
}

export function recordableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    recorded[name] = name === "authorization" ? redactAuthorization(text) : text;
  }
  return recorded;
}

/** The query string with the values of credential parameters (e.g. access_token, api_secret) replaced. */
export function recordableQuery(search: URLSearchParams, rawSearch: string, secretNames: readonly string[]): string {
  if (!secretNames.some((name) => search.has(name))) return rawSearch.replace(/^\?/, "");
  const kept = new URLSearchParams();
  for (const [name, value] of search) kept.append(name, secretNames.includes(name) ? "[redacted]" : value);
  return kept.toString();
}
