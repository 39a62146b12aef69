// The local Salesloft API emulator: start it, steer it at run time, read back what it saw and stored.

import { CustomFieldCatalog, type CustomField } from "./custom-fields.js";
import { FaultInjector } from "../../../emulator/faults.js";
import { defaultErrorBody } from "./replies.js";
import {
  checkScriptedAnswers,
  EmulatorOptionError,
  resolveOptions,
  type EmulatorOptions,
  type ResolvedOptions,
} from "./options.js";
import { answerExchange, type EmulatorState } from "./pipeline.js";
import { FixedWindowRateLimiter, WindowTally, type WindowCount } from "../../../emulator/rate-limit.js";
import { UpdateHistory, type PersonUpdate } from "./history.js";
import { RequestRecorder, type RecordedRequest } from "../../../emulator/recorder.js";
import { startServer } from "../../../emulator/server.js";
import { PersonStore, type Person } from "./store.js";

export type { ApiKeyGrant, EmulatorOptions, ResponseShape, ScriptedAnswer } from "./options.js";
export { DEFAULT_API_KEY, DEFAULT_CUSTOM_FIELDS, EmulatorOptionError, NO_PEOPLE_SCOPE_API_KEY } from "./options.js";
export { INVALID_TOKEN_MESSAGE, MISSING_TOKEN_MESSAGE } from "./auth.js";
export type { CustomField } from "./custom-fields.js";
export type { RecordedRequest } from "../../../emulator/recorder.js";
export type { Person } from "./store.js";
export type { PersonUpdate } from "./history.js";
export type { WindowCount } from "../../../emulator/rate-limit.js";

export interface Emulator {
  /** Base URL, e.g. "http://127.0.0.1:53211"; append "/v2/person_upserts". */
  readonly url: string;
  /** Copies of the stored people, sorted by id. */
  people(): Person[];
  /** Copies of every request seen so far, oldest first, with Authorization redacted. */
  requests(): RecordedRequest[];
  /**
   * Each person's applied upserts (created or updated), in the order the emulator applied them, keyed by person id;
   * the newest `record.maxUpdates` (default 100,000) are kept.
   */
  updates(): Map<number, PersonUpdate[]>;
  /** Requests per team and clock minute that reached the rate limiter, with how many it refused (429), oldest first. */
  requestsPerMinute(): WindowCount[];
  /** The tenant's person custom fields. */
  customFields(): CustomField[];
  /**
   * Changes switches while running. `failNext` is appended to the script; `seed` restarts the random sequence;
   * `customFields` redefines the catalog; `port` and `host` cannot change. Throws EmulatorOptionError on nonsense.
   */
  set(options: Partial<EmulatorOptions>): void;
  /** Forgets people, recorded requests and updates, rate-limit windows and counts, and the failure script. */
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  checkScriptedAnswers(options.failNext ?? []);
  const state: EmulatorState = {
    options: resolved,
    store: new PersonStore(),
    catalog: new CustomFieldCatalog(),
    limiter: new FixedWindowRateLimiter(),
    faults: new FaultInjector(resolved.seed, defaultErrorBody),
    tally: new WindowTally(),
    history: new UpdateHistory(options.record?.maxUpdates),
  };
  state.catalog.define(resolved.customFields, timestampOf(resolved));
  state.faults.enqueue(options.failNext ?? []);
  const recorder = new RequestRecorder(options.record);
  const server = await startServer(
    {
      port: resolved.port,
      host: resolved.host,
      now: () => state.options.now(),
      latencyMs: () => state.options.latencyMs,
      answer: (exchange) => answerExchange(exchange, state),
    },
    recorder,
  );
  return {
    url: `http://${resolved.host}:${server.port}`,
    people: () => state.store.list(),
    requests: () => recorder.list(),
    updates: () => state.history.byPerson(),
    requestsPerMinute: () => state.tally.list(),
    customFields: () => state.catalog.list(),
    set: (changes) => applyChanges(state, changes),
    reset: () => {
      state.store.reset();
      state.limiter.reset();
      state.faults.reset();
      state.tally.reset();
      state.history.clear();
      recorder.clear();
    },
    close: () => server.close(),
  };
}

function applyChanges(state: EmulatorState, changes: Partial<EmulatorOptions>): void {
  for (const fixed of ["port", "host"] as const) {
    if (changes[fixed] !== undefined && changes[fixed] !== state.options[fixed]) {
      throw new EmulatorOptionError(`Salesloft emulator option ${fixed} cannot change while the emulator runs`);
    }
  }
  const next = resolveOptions(changes, state.options);
  checkScriptedAnswers(changes.failNext ?? []);
  state.options = next;
  if (changes.seed !== undefined) state.faults.reseed(next.seed);
  if (changes.customFields !== undefined) state.catalog.define(next.customFields, timestampOf(next));
  state.faults.enqueue(changes.failNext ?? []);
}

function timestampOf(options: ResolvedOptions): string {
  return new Date(options.now()).toISOString();
}
