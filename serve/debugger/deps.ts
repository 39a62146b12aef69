// What the Event Debugger and the Integrations page need from the pipeline: the contract `serve` wires them with.

import type { Store } from "../../store/store.js";

export type IntegrationStatus = "live" | "waiting" | "credential_rejected" | "failing" | "paused";

export type SettingValue = string | number | boolean;

/** One integration the pipeline runs, as the Integrations page lists it. */
export interface IntegrationState {
  readonly name: string;
  /** The shipped integration it is built on (a catalog entry's `integration`, e.g. "salesloft"). */
  readonly integration: string;
  /** The preset as the config names it: a catalog preset's `file`, with `#name` when the file holds several. */
  readonly preset: string;
  readonly state: IntegrationStatus;
  /** What to do about the state: the 401/403 advice, the last error. Never a secret. */
  readonly detail?: string;
  readonly lastEventAt?: number;
  /**
   * The current values of the settings that are not secret (for the edit form). A value of a setting the catalog
   * marks secret is never passed on, even if it appears here.
   */
  readonly settings?: Readonly<Record<string, SettingValue>>;
  /** The names of the secret settings that have a stored value (shown as "set"). */
  readonly secretsSet?: readonly string[];
  /** Where requests go instead of the destination's own API (an emulator, a test endpoint). */
  readonly baseUrl?: string;
}

export interface CatalogSetting {
  readonly name: string;
  readonly type: "text" | "number" | "boolean" | string;
  readonly required: boolean;
  readonly secret: boolean;
  readonly description?: string;
}

export interface CatalogPreset {
  readonly file: string;
  readonly name: string;
  readonly title?: string;
  readonly settings: readonly CatalogSetting[];
}

export interface CatalogEntry {
  readonly integration: string;
  readonly title: string;
  readonly presets: readonly CatalogPreset[];
}

export interface SaveIntegration {
  readonly name: string;
  /** A catalog preset's `file`, followed by `#name` when its file holds several presets. */
  readonly preset: string;
  /**
   * The settings the form filled in. A secret that is absent keeps its stored value (secrets are write-only); a
   * setting that is not secret and is absent has no value.
   */
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** An http(s) origin that replaces the destination's own (an emulator); absent: the destination's API. */
  readonly baseUrl?: string;
}

export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[] };

export interface IntegrationRegistry {
  list(): readonly IntegrationState[];
  catalog(): readonly CatalogEntry[];
  /** Validates and applies the settings; secrets go to the encrypted secrets file. Problems never quote a secret. */
  save(input: SaveIntegration): Promise<SaveResult>;
  setPaused(name: string, paused: boolean): Promise<void>;
}

export interface DebuggerDeps {
  readonly store: Store;
  /** The password of HTTP Basic user "admin". An empty password opens nothing: every request is answered 401. */
  readonly adminPassword: string;
  readonly integrations: IntegrationRegistry;
  /**
   * The per-field explanation of how the integration's preset turned the event into its request (the explain trace
   * of the author tools). An object `{ fields: [{ field, rule, line?, value? }], skipped: [{ rule, line?, reason }] }`
   * is shown as two tables; any other JSON value is shown as it is. Absent or undefined: "not available".
   */
  explain?(eventId: number, integration: string): Promise<unknown | undefined>;
  /** Calls the listener with the id of each new or updated event; returns the function that unsubscribes. */
  subscribe(listener: (eventId: number) => void): () => void;
  /**
   * Every secret value the pipeline holds (API keys, the secrets file's values). Optional, a last line of defence:
   * any of them found in a response is replaced by "[redacted]" before it leaves the server.
   */
  secretValues?(): readonly string[];
  now(): number;
}
