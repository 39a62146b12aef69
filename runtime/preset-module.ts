// The contract between the code generator and the runtime: what every compiled preset module exports.

import type { HttpRequest } from "./outcome.js";
import type { NormalizedEvent, Settings } from "./values.js";

export type SettingType = "string" | "number" | "boolean" | "region" | "secret";

export interface SettingSpec {
  readonly name: string;
  readonly type: SettingType;
  readonly required: boolean;
  /** True for `secret` settings: never printed, logged or written in plain text. */
  readonly secret: boolean;
  readonly description?: string;
  /** `one of …`: the only values the setting may take (a value outside them is a settings error). */
  readonly values?: readonly (string | number | boolean)[];
  /** `default …`: the value the setting takes when it is not given. */
  readonly default?: string | number | boolean;
}

export type SendMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One `send` block of a preset, as data: what delivery enforces (the origin) and how it batches. */
export interface SendSpec {
  readonly method: SendMethod;
  /** The literal `scheme://host[:port]` of the URL template: delivery refuses a request to any other origin. */
  readonly origin: string;
  /** The URL as written in the .map file, slots included, for docs and the debugger. */
  readonly urlTemplate: string;
  /** `batch TARGET max N, SIZE`: the list at `path` of the body (`[]` for the whole body) may be merged. */
  readonly batch?: { readonly path: readonly string[]; readonly maxItems: number; readonly maxBytes?: number };
  /** The block's `body matches` schema, embedded at compile time; absent when it declares none. */
  readonly requestSchema?: object;
}

/** `rate limit N per [COUNT] UNIT` of the integration header: at most `limit` requests per `windowMs` per credential. */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/** The transform's clock: what `now()` reads. */
export interface Clock {
  readonly now: () => Date;
}

/** What the generated `build` function returns for one handled event. */
export type BuildResult =
  | {
      readonly kind: "request";
      readonly request: HttpRequest;
      readonly warnings: readonly string[];
      /** Index into `sends` of the block that built the request. */
      readonly send: number;
      /** The per-person ordering key (`order by`); absent: the event has no ordering constraint. */
      readonly orderKey?: string;
    }
  | { readonly kind: "error"; readonly code: "missing_required" | "invalid_request"; readonly message: string }
  | { readonly kind: "drop"; readonly reason: string };

export interface PresetModule {
  /** The .map file this module was compiled from, as given to the compiler. */
  readonly source: string;
  readonly integration: { readonly name: string; readonly title?: string; readonly rateLimit?: RateLimit };
  readonly preset: { readonly name: string; readonly title?: string };
  readonly settings: readonly SettingSpec[];
  /** Event names the preset handles (after normalisation: identify calls are "Identified"). */
  readonly events: readonly string[];
  /** Call types the preset handles whatever their name (`on track, page`). */
  readonly calls: readonly string[];
  /** `on *`: every event is handled. Any event matching none of events, calls or allEvents is dropped. */
  readonly allEvents: boolean;
  /** True when the preset calls `now()`: its output depends on the transform's clock. */
  readonly usesClock: boolean;
  /** The request schema of the first send block, embedded at compile time; absent when none is declared. */
  readonly requestSchema?: object;
  /** Names of headers whose values carry a secret setting, to be redacted wherever an outcome is printed. */
  readonly secretHeaders: readonly string[];
  /** The preset's send blocks, in source order; a request's `send` indexes into it. */
  readonly sends: readonly SendSpec[];
  /**
   * Per send block, the generated check of what the compiler could not prove about its body (absent: ajv checks
   * the whole body). It gives the JSON Pointer of the first field that breaks the schema, or undefined.
   */
  readonly bodyChecks?: readonly (((body: unknown) => string | undefined) | undefined)[];
  /**
   * The trait names build() reads (`traits.NAME`); absent when it reads `traits` whole. Normalisation then merges
   * `context.traits` into these keys only, rather than copying every trait.
   */
  readonly traitKeys?: readonly string[];
  /**
   * build() reads every trait as `trait(event, NAME)`, which looks in the top-level traits and then in
   * `context.traits`: the runtime merges nothing, and build's `event.traits` is empty. Modules compiled before this
   * lack it and get the merge, into `traitKeys`.
   */
  readonly traitsByKey?: boolean;
  /** Map one handled, normalised event to a request. Never throws for any event or settings. */
  readonly build: (event: NormalizedEvent, settings: Settings, clock: Clock) => BuildResult;
}
