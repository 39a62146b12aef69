// The lead-latency probe, in its own process with the Salesloft emulator: sends leads to serve one at a time, each
// with a new email, and measures from the start of its `POST /v1/track` to the arrival at the emulator of the upsert
// the emulator answered 200 — both read on this process's high-resolution clock.

import { performance } from "node:perf_hooks";
import { request } from "undici";
import { startEmulator, type Emulator } from "../presets/salesloft/emulator/index.js";
import { percentile } from "./stats.js";
import { BENCH_API_KEY, WRITE_KEY } from "./ingest-servers.js";
import type { IngestService } from "./ingest-worker.js";

export interface ProbeJob {
  readonly kind: "probe";
}

export interface ProbeStats {
  readonly leads: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const AUTH = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`;
const LEAD_TIMEOUT_MS = 30_000;
const now = () => performance.timeOrigin + performance.now();

export async function startLeadProbe(): Promise<IngestService> {
  const emulator = await startEmulator({
    apiKeys: { [BENCH_API_KEY]: { team: "bench", scopes: ["people"] } },
    rateLimitPerMinute: 0,
    now,
    record: { maxRequests: 1_000_000, maxBytes: 1_000_000_000 },
  });
  return {
    info: { url: emulator.url },
    handle: (command) => {
      const { serveUrl, count, tag } = command.probe as { serveUrl: string; count: number; tag: string };
      return probe(emulator, serveUrl, count, tag);
    },
    close: () => emulator.close(),
  };
}

async function probe(emulator: Emulator, serveUrl: string, count: number, tag: string): Promise<ProbeStats> {
  const sentAt = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const email = `probe-${tag}-${i}@example.com`;
    sentAt.set(email, now());
    const answer = await request(`${serveUrl}/v1/track`, {
      method: "POST",
      headers: { authorization: AUTH, "content-type": "application/json" },
      body: JSON.stringify(lead(email, `${tag}-${i}`)),
    });
    await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`serve answered ${answer.statusCode} to probe lead ${i}`);
    await landed(emulator, email);
  }
  const latencies: number[] = [];
  for (const r of emulator.requests()) {
    const email = (r.body as { email_address?: unknown } | undefined)?.email_address;
    const sent = typeof email === "string" ? sentAt.get(email) : undefined;
    if (r.status === 200 && r.path.startsWith("/v2/person_upserts") && sent !== undefined) {
      latencies.push(r.time - sent);
      sentAt.delete(email as string);
    }
  }
  if (sentAt.size > 0) throw new Error(`${sentAt.size} probe leads have no upsert answered 200 at the emulator`);
  return {
    leads: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: Math.max(...latencies),
  };
}

/** Waits (1 ms polls of the emulator's People, a short list) until the lead's Person exists. */
async function landed(emulator: Emulator, email: string): Promise<void> {
  const deadline = Date.now() + LEAD_TIMEOUT_MS;
  while (!emulator.people().some((p) => p.email_address === email)) {
    if (Date.now() > deadline) throw new Error(`probe lead ${email} did not reach the emulator within 30 s`);
    await new Promise((done) => setTimeout(done, 1));
  }
}

function lead(email: string, messageId: string): Record<string, unknown> {
  return {
    event: "Lead Generated",
    messageId,
    properties: { lead_source: "Website Contact Form" },
    traits: { first_name: "Pat", last_name: "Probe", email, phone: "07700 900123" },
    context: { locale: "en-GB", consent: { marketing: "granted" } },
  };
}
