// The log of every request the emulator saw, with the secret part of the Authorization header never kept.

import type { IncomingHttpHeaders } from "node:http";
import { redactAuthorization } from "./auth.js";

export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string, e.g. "/v2/person_upserts.json". */
  readonly path: string;
  /** The query string without "?", "" when there is none. */
  readonly query: string;
  /** The status answered; 0 when the connection was dropped without an answer. */
  readonly status: number;
  readonly dropped: boolean;
  /** Lower-cased names; `authorization` shows only its scheme, e.g. "Bearer [redacted]". */
  readonly headers: Readonly<Record<string, string>>;
  /** The decoded body (JSON or form), the raw text when it could not be decoded, undefined when empty. */
  readonly body: unknown;
  /** The team of the API key, when the key was valid. */
  readonly team: string | undefined;
  /** Arrival time on the emulator's clock, in milliseconds since the epoch. */
  readonly time: number;
}

export class RequestRecorder {
  private entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  list(): RecordedRequest[] {
    return this.entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.entries = [];
  }
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
