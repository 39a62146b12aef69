// Short builders for FunctionExample results, so each function's examples read like a table.

import type { ExampleResult } from "./spec.js";

export const ABSENT: ExampleResult = { absent: true };
export const FAILS: ExampleResult = { fails: true };

export function gives(value: unknown): ExampleResult {
  return { value };
}
