// How a standard-library function describes itself: signature as data, documentation and runnable examples.

export type ValueType = "string" | "number" | "boolean" | "null" | "list" | "object" | "any";

export interface ParamSpec {
  readonly name: string;
  readonly type: ValueType;
  /** May be left out of a call. */
  readonly optional?: boolean;
  /** Takes any number of arguments from here on (only on the last parameter). */
  readonly variadic?: boolean;
}

/** Expected result of an example: a value, absent, or a failure of a fallible function. */
export type ExampleResult = { readonly value: unknown } | { readonly absent: true } | { readonly fails: true };

export interface FunctionExample {
  /** The arguments as runtime values (`undefined` is absent). */
  readonly args: readonly unknown[];
  readonly result: ExampleResult;
  /** Optional one-line note shown in the reference. */
  readonly note?: string;
}

export interface FunctionSpec {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly returns: ValueType;
  /** Can fail on present input; a call must then be the left side of `??`. */
  readonly fallible: boolean;
  /** Absent whenever the first argument is absent, whatever the others: generated code then skips evaluating them. */
  readonly absentWithoutFirst?: boolean;
  /** A present result is always 64 lower-case hex digits (a SHA-256 digest): a request schema's hex pattern holds. */
  readonly sha256Hex?: boolean;
  /** One or two sentences for the language reference. */
  readonly doc: string;
  readonly examples: readonly FunctionExample[];
  /** Total: returns undefined (absent) for absent or unusable input, a Failure only when `fallible`. */
  readonly impl: (...args: any[]) => unknown;
}
