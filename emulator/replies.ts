// The emulator's answer to one request: a JSON answer to write, or a connection to drop.

/** Either a response to write or an instruction to destroy the connection without one. */
export type Reply =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
    }
  | { readonly kind: "drop" };

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { kind: "answer", status, headers, body };
}

export const DROP: Reply = { kind: "drop" };
