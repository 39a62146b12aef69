// Ingestion benchmark: events/s that serve accepts durably and its request latency on loopback, as a ratio to a floor
// measured in the same run (a bare node:http server writing the same rows to the same SQLite store), and the time a
// lead takes from POST /v1/track to the Salesloft emulator's 200, alone and while page views load the collector.

import { startIngestChild, type ChildProcessHandle } from "./ingest-child.js";
import type { LoadBody, LoadStats } from "./ingest-load.js";
import type { ProbeStats } from "./ingest-probe.js";
import type { ServerInfo } from "./ingest-servers.js";
import { median } from "./stats.js";

export interface IngestSizes {
  readonly runs: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly connections: number;
  readonly batchSize: number;
  readonly leadsAlone: number;
  readonly leadsUnderLoad: number;
}

export interface IngestRow {
  readonly server: "serve" | "floor";
  /** One per run, in run order. */
  readonly runs: readonly LoadStats[];
  readonly medianEventsPerSecond: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
}

export interface IngestResult {
  readonly sizes: IngestSizes;
  readonly rows: readonly IngestRow[];
  /** serve's median events/s over the floor's. */
  readonly ratio: number;
  readonly leadAlone: ProbeStats;
  readonly leadUnderLoad: ProbeStats & { readonly load: LoadStats };
}

type Server = ChildProcessHandle<ServerInfo>;
type Load = ChildProcessHandle<Record<string, never>>;

export async function benchmarkIngest(sizes: IngestSizes, log: (line: string) => void): Promise<IngestResult> {
  const load: Load = await startIngestChild({
    kind: "load",
    connections: sizes.connections,
    batchSize: sizes.batchSize,
  });
  try {
    const runs = { serve: [] as LoadStats[], floor: [] as LoadStats[] };
    for (let run = 0; run < sizes.runs; run++) {
      // Alternate which side goes first, so a burst of load elsewhere on the machine spreads over both.
      const order = run % 2 === 0 ? (["floor", "serve"] as const) : (["serve", "floor"] as const);
      for (const kind of order) {
        const stats = await measureServer(kind, load, sizes);
        log(
          `  ${kind} run ${run + 1}: ${Math.round(stats.events / stats.seconds)} events/s, p99 ${stats.p99Ms.toFixed(1)} ms`,
        );
        runs[kind].push(stats);
      }
    }
    const rows = (["serve", "floor"] as const).map((server) => rowOf(server, runs[server]));
    const leads = await measureLeads(load, sizes, log);
    return { sizes, rows, ratio: rows[0]!.medianEventsPerSecond / rows[1]!.medianEventsPerSecond, ...leads };
  } finally {
    await load.stop();
  }
}

/** One server in a fresh process: warm-up, one timed run; every event answered 200 must be in its store. */
async function measureServer(kind: "serve" | "floor", load: Load, sizes: IngestSizes): Promise<LoadStats> {
  const server: Server = await startIngestChild({ kind });
  try {
    const warm = await loadFor(load, server.info.url, "lead", sizes.warmupMs);
    const stats = await loadFor(load, server.info.url, "lead", sizes.durationMs);
    const stored = await server.request<number>({ count: true });
    if (stored !== warm.events + stats.events) {
      throw new Error(`${kind} answered 200 for ${warm.events + stats.events} events but stored ${stored}`);
    }
    if (stats.notOk > 0 || warm.notOk > 0) throw new Error(`${kind} refused ${stats.notOk + warm.notOk} requests`);
    return stats;
  } finally {
    await server.stop();
  }
}

async function loadFor(load: Load, url: string, body: LoadBody, ms: number): Promise<LoadStats> {
  await load.request({ start: { url, body } });
  await new Promise((done) => setTimeout(done, ms));
  return load.request<LoadStats>({ finish: true });
}

/** serve delivering to the emulator (rate limits lifted on both sides): leads alone, then under page-view load. */
async function measureLeads(load: Load, sizes: IngestSizes, log: (line: string) => void) {
  const probe = await startIngestChild<{ url: string }>({ kind: "probe" });
  try {
    const server: Server = await startIngestChild({ kind: "serve", emulatorUrl: probe.info.url });
    try {
      const serveUrl = server.info.url;
      const leadAlone = await probe.request<ProbeStats>({ probe: { serveUrl, count: sizes.leadsAlone, tag: "alone" } });
      log(`  lead alone: p50 ${leadAlone.p50Ms.toFixed(1)} ms, p99 ${leadAlone.p99Ms.toFixed(1)} ms`);
      await load.request({ start: { url: serveUrl, body: "page" } });
      const underLoad = await probe
        .request<ProbeStats>({ probe: { serveUrl, count: sizes.leadsUnderLoad, tag: "load" } })
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      const background = await load.request<LoadStats>({ finish: true });
      if (underLoad instanceof Error) throw underLoad;
      log(`  lead under load: p50 ${underLoad.p50Ms.toFixed(1)} ms, p99 ${underLoad.p99Ms.toFixed(1)} ms`);
      return { leadAlone, leadUnderLoad: { ...underLoad, load: background } };
    } finally {
      await server.stop();
    }
  } finally {
    await probe.stop();
  }
}

function rowOf(server: "serve" | "floor", runs: readonly LoadStats[]): IngestRow {
  return {
    server,
    runs,
    medianEventsPerSecond: median(runs.map((r) => r.events / r.seconds)),
    medianP50Ms: median(runs.map((r) => r.p50Ms)),
    medianP99Ms: median(runs.map((r) => r.p99Ms)),
  };
}
