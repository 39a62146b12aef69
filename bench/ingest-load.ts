// The ingestion benchmark's load generator, in its own process: a fixed number of keep-alive connections (undici Pool)
// each posting one request after another — three `/v1/track` calls, then a `/v1/batch` — from "start" until "finish",
// timing each request from send to the end of its answer.

import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { percentile } from "./stats.js";
import { WRITE_KEY } from "./ingest-servers.js";
import type { IngestService } from "./ingest-worker.js";

export interface LoadJob {
  readonly kind: "load";
  readonly connections: number;
  readonly batchSize: number;
}

/** What one load run achieved; `events` counts only the events of requests answered 200. */
export interface LoadStats {
  readonly seconds: number;
  readonly requests: number;
  readonly events: number;
  readonly notOk: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** "lead": Lead Generated tracks with an email from a pool of people (the ingestion figure); "page": page views. */
export type LoadBody = "lead" | "page";

const AUTH = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`;
const PEOPLE = 500;

export async function startLoadGenerator(job: LoadJob): Promise<IngestService> {
  let running: Promise<LoadStats> | undefined;
  let stopping = false;
  let run = 0;
  return {
    info: {},
    async handle(command) {
      if (command.start !== undefined) {
        const { url, body } = command.start as { url: string; body: LoadBody };
        stopping = false;
        running = loadRun(url, body, job, `r${++run}-${process.pid}`, () => stopping);
        return {};
      }
      stopping = true;
      const stats = await running;
      running = undefined;
      return stats;
    },
    close: async () => {
      stopping = true;
      await running;
    },
  };
}

async function loadRun(url: string, kind: LoadBody, job: LoadJob, tag: string, stop: () => boolean) {
  const pool = new Pool(url, { connections: job.connections, pipelining: 1 });
  const latencies: number[] = [];
  let requests = 0;
  let events = 0;
  let notOk = 0;
  let sequence = 0;
  const started = performance.now();
  const loop = async () => {
    for (let i = 0; !stop(); i++) {
      const batch = i % 4 === 3;
      const items = Array.from({ length: batch ? job.batchSize : 1 }, () => eventOf(kind, `${tag}-${sequence++}`));
      const body = JSON.stringify(batch ? { batch: items } : withoutType(items[0]!));
      const path = batch ? "/v1/batch" : `/v1/${kind === "lead" ? "track" : "page"}`;
      const sent = performance.now();
      const answer = await pool.request({ method: "POST", path, headers: { authorization: AUTH }, body });
      await answer.body.text();
      latencies.push(performance.now() - sent);
      requests++;
      if (answer.statusCode === 200) events += items.length;
      else notOk++;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, () => loop()));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return { seconds, requests, events, notOk, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

function withoutType(event: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}

/** A lead as a contact form sends it, or a page view; the person comes from a fixed pool. */
function eventOf(kind: LoadBody, messageId: string): Record<string, unknown> {
  const person = Number.parseInt(messageId.slice(messageId.lastIndexOf("-") + 1), 10) % PEOPLE;
  if (kind === "page") {
    return {
      type: "page",
      messageId,
      anonymousId: `anon-${person}`,
      context: { page: { url: "https://www.example.com/pricing", path: "/pricing" }, locale: "en-GB" },
    };
  }
  return {
    type: "track",
    event: "Lead Generated",
    messageId,
    properties: { lead_source: "Website Contact Form" },
    traits: { first_name: "Jane", last_name: "Doe", email: `Person${person}@Example.com `, phone: "07700 900123" },
    context: {
      locale: "en-GB",
      consent: { marketing: "granted" },
      campaign: { source: "google", medium: "cpc", name: "brand" },
    },
  };
}
