// How generated code represents values: `undefined` is absent, a Failure is a fallible call that failed.

/** The result of a fallible function that could not produce a value (e.g. a phone number that is not one). */
export class Failure {
  constructor(readonly reason: string) {}
}

export function isFailure(value: unknown): value is Failure {
  return value instanceof Failure;
}

/** Settings after validation: secrets are plain strings here and redacted only when shown. */
export type Settings = Readonly<Record<string, string | number | boolean | undefined>>;

/** An event after validation and normalisation (CONTRACT section 1). */
export interface NormalizedEvent {
  readonly type: string;
  /** `event` for track calls; "Identified" for identify calls; may be absent for other types. */
  readonly event: string | undefined;
  readonly messageId: string | null;
  readonly traits: Readonly<Record<string, unknown>>;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
  /** The whole event as received, for `event.<field>` reads. */
  readonly raw: Readonly<Record<string, unknown>>;
}
