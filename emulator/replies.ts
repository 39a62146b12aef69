// The emulator's answer to one request: a JSON answer to write, a connection to drop, or a request to hold first.

/** Either a response to write or an instruction to destroy the connection without one. */
export type Reply =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
    }
  | { readonly kind: "drop" }
  /**
   * Hold the request `ms` before handling it, then answer with `then()` (the endpoint, applied only then), as a slow
   * destination or a proxy holding a request does. Without `then` the request is answered as if nothing were injected.
   */
  | { readonly kind: "defer"; readonly ms: number; readonly then?: () => Reply };

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { kind: "answer", status, headers, body };
}

export const DROP: Reply = { kind: "drop" };
