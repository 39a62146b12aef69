// Shared helpers for the emulator specs: start an emulator per test and talk to it over real HTTP.

import { afterEach } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../presets/salesloft/emulator/index.js";

const running: Emulator[] = [];

/** Starts an emulator that is closed after the current test. */
export async function emulatorFor(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; contentType?: string; rawBody?: string; signal?: AbortSignal } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? "test-key" : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined || options.rawBody !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(emulator.url + path, { method, headers, body, signal: options.signal });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

export function upsert(
  emulator: Emulator,
  body: unknown,
  options: { token?: string | null; path?: string; signal?: AbortSignal } = {},
) {
  return call(emulator, "POST", options.path ?? "/v2/person_upserts", {
    body,
    token: options.token,
    signal: options.signal,
  });
}

export { SEED_BODY } from "../../support/seed.js";
