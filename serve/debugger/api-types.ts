// The JSON shapes of the debugger's API, shared by the server (serve/debugger) and the page (web/debugger).

import type { IntegrationStatus, CatalogEntry, SettingValue } from "./deps.js";

/** What happened to one event at one integration, ready to show. */
export interface OutcomeView {
  readonly integration: string;
  readonly rowId: number;
  /** The row's state; "retrying" is a pending row that has been tried at least once. */
  readonly state: "delivered" | "dropped" | "failed" | "pending" | "retrying" | "dead" | "superseded";
  readonly httpStatus?: number;
  /** The destination's id for what it stored (e.g. the Salesloft Person id). */
  readonly destinationId?: string;
  /** The failure code: the HTTP status, or the network error's code. */
  readonly code?: string;
  /** Why it was dropped, failed or died. */
  readonly message?: string;
  readonly attempts: number;
  readonly nextAttemptAt?: number;
  readonly replayable: boolean;
}

export interface EventSummary {
  readonly id: number;
  readonly receivedAt: number;
  readonly source: string;
  readonly messageId: string;
  readonly type: string;
  readonly event?: string;
  /** Masked (`j***@example.com`) unless the request asked to reveal it. */
  readonly email?: string;
  readonly outcomes: readonly OutcomeView[];
}

export interface AttemptView {
  readonly at: number;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly error?: string;
  readonly destinationId?: string;
}

export interface IntegrationDetail {
  readonly outcome: OutcomeView;
  /** The request as sent, stored redacted. */
  readonly request?: unknown;
  readonly response?: { readonly status?: number; readonly body?: unknown };
  readonly warnings: readonly string[];
  readonly attempts: readonly AttemptView[];
  /** The explain trace, or null when the pipeline cannot give one. */
  readonly explanation: unknown;
}

export interface EventDetail {
  readonly summary: EventSummary;
  /** The event as collection stored it (with receivedAt, messageId and context.ip filled in). */
  readonly received: unknown;
  /** The event as presets see it, or the reason it could not be normalised. */
  readonly normalized: unknown;
  readonly integrations: readonly IntegrationDetail[];
}

export interface EventList {
  readonly events: readonly EventSummary[];
  /** Pass as `before` for the next (older) page; absent at the end. */
  readonly next?: number;
}

export interface IntegrationView {
  readonly name: string;
  readonly integration: string;
  readonly preset: string;
  readonly state: IntegrationStatus;
  readonly detail?: string;
  readonly lastEventAt?: number;
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** Every secret setting of the preset: true when a value is stored ("set"), never the value. */
  readonly secrets: Readonly<Record<string, boolean>>;
  readonly baseUrl?: string;
}

export interface IntegrationsAnswer {
  readonly integrations: readonly IntegrationView[];
  readonly catalog: readonly CatalogEntry[];
}

export type ApiProblem = { readonly ok: false; readonly problems: readonly string[] };
