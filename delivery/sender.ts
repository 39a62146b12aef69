// What the delivery pipeline needs from a transport: send one request, report what happened.

import type { HttpRequest } from "../runtime/outcome.js";
import type { AdapterAnswer, BatchItemResult } from "./adapter.js";
import type { DeliverySendSpec } from "./request-guard.js";

export interface SendContext {
  /** Stop retrying and waiting (the user interrupted); a request on the wire is left to finish. */
  readonly stopSignal?: AbortSignal;
  /** Cancel even a request on the wire (the bounded wait after an interrupt ran out). */
  readonly cancelSignal?: AbortSignal;
  /** The compiled `send` the request came from: its origin and path shape are enforced. */
  readonly send?: DeliverySendSpec;
  /** The limiter's key (integration and a hash of the secret settings' values); default: origin and credential. */
  readonly rateKey?: string;
  /** Names the event in a refusal. */
  readonly messageId?: string | null;
  /** Set for a batch request: how many events it carries, so the adapter can split its answer per event. */
  readonly batchItems?: number;
}

export interface SendReport {
  readonly status: "delivered" | "failed";
  /** Status of the last HTTP answer, when there was one. */
  readonly httpStatus?: number;
  readonly attempts: number;
  /** The destination's id of the record (a person's id, ...), when the adapter reads one. */
  readonly personId?: string | number;
  readonly warnings: readonly string[];
  /** What went wrong and how to fix it; never contains a credential. */
  readonly error?: string;
  /** Stopped by an interrupt before a final answer. */
  readonly interrupted: boolean;
  /** 429 answers seen while sending. */
  readonly rateLimited: number;
  /** The final answer, for batch splitting. */
  readonly answer?: AdapterAnswer;
  /**
   * Failed with an ambiguous last attempt (delivery/ambiguity.ts): the destination may still apply it until this
   * time (the sender's clock). Nothing later for the same person may be sent before then.
   */
  readonly unsettledUntil?: number;
  /** Per-event results of a batch answer, when the adapter reads them. */
  readonly items?: readonly BatchItemResult[];
}

export interface RequestSender {
  send(request: HttpRequest, context: SendContext): Promise<SendReport>;
  /** The per-person order key the integration reads from a request, for modules that declare none. */
  orderKey?(request: HttpRequest): string | undefined;
  /** Closes connections; the sender is unusable afterwards. */
  close(): Promise<void>;
}
