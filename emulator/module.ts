// What an integration's emulator module (presets/<name>/emulator.ts) declares, so the generic emulator can serve it:
// its routes and request schemas, its credential check, and its answers in the destination's own shapes.

import type { Reply } from "./replies.js";
import type { IncomingExchange } from "./server.js";

/** One endpoint: `path` is a pattern in which `{name}` matches one path segment. */
export interface EmulatorRoute {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** The request schema's file name in the integration's folder; the body must satisfy it. */
  readonly schema?: string;
  /** The schema itself (routes read from a compiled preset's SendSpec embed it). */
  readonly schemaObject?: object;
}

export type CredentialCheck =
  { readonly ok: true; readonly account: string } | { readonly ok: false; readonly reply: Reply };

/** The stream the emulator command writes to and the signal that stops it. */
export interface EmulatorCommandIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Stops the emulator when aborted; for embedding and tests. SIGINT and SIGTERM always stop it too. */
  readonly signal?: AbortSignal;
}

export interface EmulatorModule {
  /** "Acme CRM": how messages name the destination. */
  readonly title: string;
  /**
   * An integration with state of its own (a CRM's people and custom fields) runs its own command and server,
   * built from the generic parts; every other field is then unused.
   */
  readonly runCommand?: (argv: readonly string[], io: EmulatorCommandIO) => Promise<number>;
  /** The endpoints; without them, one per `send` of the integration's presets (method, path, embedded schema). */
  readonly routes?: readonly EmulatorRoute[];
  /** The emulator's own fake demo credential, printed at start. */
  readonly demoCredential?: string;
  /** The largest body accepted; a larger one is answered 413 in the destination's shape. Default 1 MB. */
  readonly maxBodyBytes?: number;
  /** Query parameters holding a credential: never recorded. */
  readonly secretQueryParams?: readonly string[];
  /** The destination's documented limit per account; the emulator enforces it (--rate-limit overrides). */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Checks the credential the request carries against the accepted ones. */
  authenticate?(exchange: IncomingExchange, credentials: readonly string[]): CredentialCheck;
  /** The destination's answer to a body that breaks the request schema (400 or 422 in its own error shape). */
  invalid?(route: EmulatorRoute, problems: readonly string[], body: unknown): Reply;
  /** The destination's answer to a valid request. */
  accept?(route: EmulatorRoute, body: unknown, exchange: IncomingExchange): Reply;
  /** The answer to too many requests; `retryAfterSeconds` is set when --retry-after asks for the header. */
  rateLimited?(retryAfterSeconds: number | undefined): Reply;
  /** The destination's error body for an injected or unrouted failure. */
  errorBody?(status: number): unknown;
}
