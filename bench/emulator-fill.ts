// How the Salesloft emulator's upsert rate holds as it fills: `node dist/bench/emulator-fill.js [PEOPLE]`.
// Upserts new people over HTTP (8 at a time) and prints the rate of the first and of the last 1,000.

import { startEmulator } from "../presets/salesloft/emulator/index.js";

const KEY = "sk-bench-emulator-fill-0000";
const WINDOW = 1000;

async function upsertRange(url: string, from: number, to: number): Promise<number> {
  const started = performance.now();
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const i = next++;
      const answer = await fetch(`${url}/v2/person_upserts`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ email_address: `person${i}@example.com`, title: "bench" }),
      });
      await answer.text();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (to - from) / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const people = Math.max(2 * WINDOW, Number(process.argv[2] ?? 20_000));
  const emulator = await startEmulator({
    apiKeys: { [KEY]: { team: "bench", scopes: ["people"] } },
    rateLimitPerMinute: 1e9,
  });
  try {
    await upsertRange(emulator.url, 0, WINDOW); // warm-up, so the first figure is not the JIT's
    const first = await upsertRange(emulator.url, WINDOW, 2 * WINDOW);
    await upsertRange(emulator.url, 2 * WINDOW, people - WINDOW);
    const last = await upsertRange(emulator.url, people - WINDOW, people);
    console.log(
      `upserts/s with ~${WINDOW} people stored: ${first.toFixed(0)}; with ~${people} stored: ${last.toFixed(0)}`,
    );
  } finally {
    await emulator.close();
  }
}

void main();
