// What one part of `npm run bench` is: how it runs at full and smoke size, and how its figures read in RESULTS.md.
// A new part is a module exporting a BenchPart plus one line in bench/parts.ts; run.ts and report.ts name no part.

export type BenchMode = "full" | "smoke";

export interface BenchContext {
  readonly mode: BenchMode;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export interface BenchPart<T = unknown> {
  /** The name `--parts` takes. */
  readonly name: string;
  /** The section heading in RESULTS.md, without its number. */
  readonly title: string;
  /** One line on what the sizes are, for the results' header. */
  readonly sizes: (mode: BenchMode) => string;
  readonly run: (context: BenchContext) => Promise<T>;
  /** The section's body in markdown (method, tables, findings). */
  readonly render: (value: T) => string;
  /** Target lines, each ending in "met" or "missed". */
  readonly targets?: (value: T) => string[];
}

/** Smoke runs keep the shape of a full run at sizes that take seconds. */
export const bySize = <T>(mode: BenchMode, sizes: { readonly full: T; readonly smoke: T }): T => sizes[mode];

/** A part with its figures' type forgotten, for the list: each part only ever renders the figures it produced. */
export const listed = <T>(part: BenchPart<T>): BenchPart<unknown> => part as unknown as BenchPart<unknown>;
