// What an integration's demo module (presets/<name>/demo.ts) gives `signal-map demo`: its preset, its sample events,
// how to start its emulator with a fresh fake credential, and what must land there. Types only; no destination named.

/** The final outcome an event must reach at one integration. */
export type DemoStatus = "delivered" | "dropped" | "failed";

/** The integration's emulator, running for the demo. */
export interface DemoDestination {
  readonly url: string;
  /** What the emulator now holds (a count and one line per record), and the checks on it that did not hold. */
  holds(): { readonly summary: string; readonly details: readonly string[]; readonly unmet: readonly string[] };
  close(): Promise<void>;
}

/** The emulator started, and the preset's settings that its credential unlocks. */
export interface StartedDemo {
  readonly destination: DemoDestination;
  /** Plain settings, written in the generated config as they are. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Secret settings: they reach serve through the environment, never the config file, and are never printed. */
  readonly secrets: Readonly<Record<string, string>>;
}

export interface PipelineDemo {
  /** The folder under presets/. */
  readonly integration: string;
  /** The .map file in that folder. */
  readonly map: string;
  /** The sample events, a JSONL file in samples/. */
  readonly samples: string;
  /** Starts the emulator on 127.0.0.1 (an ephemeral port) accepting only `fake`, a credential made for this run. */
  start(fake: string): Promise<StartedDemo>;
  /** The status each of its own samples must end with at this integration, as the samples' README says. */
  readonly expected: Readonly<Record<string, DemoStatus>>;
}
