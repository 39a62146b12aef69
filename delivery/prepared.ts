// What delivery reads from a preset for one event: the outcome and, from modules that have them (design §6), the
// SendSpec, the per-person order key and the rate key. Older modules give the outcome only.

import type { Outcome } from "../runtime/outcome.js";
import type { Settings } from "../runtime/values.js";
import type { DeliverySendSpec } from "./request-guard.js";

export interface Prepared {
  readonly outcome: Outcome;
  /** The `send` the request came from: its origin is enforced, its batch joined. */
  readonly send?: DeliverySendSpec;
  /** Events with the same key are delivered one after another, in input order. */
  readonly orderKey?: string;
  /** The limiter's key: integration and a hash of the secret settings' values, never the values. */
  readonly rateKey?: string;
}

/** The part of a loaded preset delivery uses; `prepare` is preferred when the preset has it. */
export interface PreparingPreset {
  transform(event: unknown, settings: Settings): Outcome;
  prepare?(event: unknown, settings: Settings): Prepared;
}

/** Never throws: a preset that throws gives an `internal` error outcome, and the stream goes on. */
export function prepareEvent(preset: PreparingPreset, event: unknown, settings: Settings): Prepared {
  try {
    if (typeof preset.prepare === "function") return preset.prepare(event, settings);
    return { outcome: preset.transform(event, settings) };
  } catch (error) {
    // transform never throws by contract; this keeps one broken preset from losing the rest of the stream.
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: { messageId: null, outcome: "error", code: "internal", message: `the preset threw: ${message}` },
    };
  }
}
