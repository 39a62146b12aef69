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
}

/** What the generated `build` function returns for one handled event. */
export type BuildResult =
  | { readonly kind: "request"; readonly request: HttpRequest; readonly warnings: readonly string[] }
  | { readonly kind: "error"; readonly code: "missing_required"; readonly message: string };

export interface PresetModule {
  /** The .map file this module was compiled from, as given to the compiler. */
  readonly source: string;
  readonly integration: { readonly name: string; readonly title?: string };
  readonly preset: { readonly name: string; readonly title?: string };
  readonly settings: readonly SettingSpec[];
  /** Event names the preset handles (after normalisation); every other event is dropped by the runtime. */
  readonly events: readonly string[];
  /** The JSON Schema the request body must satisfy, embedded at compile time; absent when none is declared. */
  readonly requestSchema?: object;
  /** Names of headers whose values carry a secret setting, to be redacted wherever an outcome is printed. */
  readonly secretHeaders: readonly string[];
  /** Map one handled, normalised event to a request. Never throws for any event or settings. */
  readonly build: (event: NormalizedEvent, settings: Settings) => BuildResult;
}
