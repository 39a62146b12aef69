// The outcome of transforming one event (CONTRACT section 2): exactly one of send, drop or error.

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface SendOutcome {
  readonly messageId: string | null;
  readonly outcome: "send";
  readonly request: HttpRequest;
  readonly warnings: readonly string[];
}

export interface DropOutcome {
  readonly messageId: string | null;
  readonly outcome: "drop";
  readonly reason: string;
}

/** Stable error codes. `invalid_event`: the event's structure is wrong; `missing_required`: a `require` failed;
 * `invalid_request`: the body broke the request schema (a preset bug); `invalid_settings`: settings rejected. */
export type ErrorCode = "invalid_event" | "missing_required" | "invalid_request" | "invalid_settings" | "internal";

export interface ErrorOutcome {
  readonly messageId: string | null;
  readonly outcome: "error";
  readonly code: ErrorCode;
  readonly message: string;
}

export type Outcome = SendOutcome | DropOutcome | ErrorOutcome;
