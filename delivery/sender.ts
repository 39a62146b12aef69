// What the delivery pipeline needs from an integration's transport: send one request, report what happened.

import type { HttpRequest } from "../runtime/outcome.js";

export interface SendContext {
  /** Stop retrying and waiting (the user interrupted); a request on the wire is left to finish. */
  readonly stopSignal?: AbortSignal;
  /** Cancel even a request on the wire (the bounded wait after an interrupt ran out). */
  readonly cancelSignal?: AbortSignal;
}

export interface SendReport {
  readonly status: "delivered" | "failed";
  /** Status of the last HTTP answer, when there was one. */
  readonly httpStatus?: number;
  readonly attempts: number;
  readonly personId?: string | number;
  readonly warnings: readonly string[];
  /** What went wrong and how to fix it; never contains a credential. */
  readonly error?: string;
  /** Stopped by an interrupt before a final answer. */
  readonly interrupted: boolean;
  /** 429 answers seen while sending. */
  readonly rateLimited: number;
}

export interface RequestSender {
  send(request: HttpRequest, context: SendContext): Promise<SendReport>;
  /** Closes connections; the sender is unusable afterwards. */
  close(): Promise<void>;
}
