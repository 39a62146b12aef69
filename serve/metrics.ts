// Prometheus metrics of the live pipeline (prom-client), one registry per server so tests can run several.

import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/store.js";

export type PipelineMetrics = ReturnType<typeof createMetrics>;

export function createMetrics(store: Store, now: () => number = Date.now) {
  const registry = new Registry();
  const registers = [registry];
  const metrics = {
    registry,
    received: new Counter({
      name: "signal_map_events_received_total",
      help: "Events received, by source",
      labelNames: ["source"],
      registers,
    }),
    accepted: new Counter({
      name: "signal_map_events_accepted_total",
      help: "Events stored durably, by source",
      labelNames: ["source"],
      registers,
    }),
    duplicates: new Counter({
      name: "signal_map_events_duplicate_total",
      help: "Events acknowledged but already stored (same messageId)",
      labelNames: ["source"],
      registers,
    }),
    rejected: new Counter({
      name: "signal_map_requests_rejected_total",
      help: "Collection requests refused, by reason",
      labelNames: ["reason"],
      registers,
    }),
    deliveries: new Counter({
      name: "signal_map_deliveries_total",
      help: "Delivery results per integration: sent, delivered, dropped, failed, retried, dead",
      labelNames: ["integration", "result"],
      registers,
    }),
    latency: new Histogram({
      name: "signal_map_delivery_latency_seconds",
      help: "From receipt to the destination's 2xx",
      labelNames: ["integration"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    rateLimitWait: new Counter({
      name: "signal_map_rate_limit_wait_seconds_total",
      help: "Time spent waiting on destination rate limits",
      labelNames: ["integration"],
      registers,
    }),
  };
  new Gauge({
    name: "signal_map_queue_depth",
    help: "Events waiting to be delivered (all integrations)",
    registers,
    async collect() {
      this.set((await store.stats(now())).pending);
    },
  });
  new Gauge({
    name: "signal_map_oldest_pending_age_seconds",
    help: "Age of the oldest event waiting to be delivered",
    registers,
    async collect() {
      const oldest = (await store.stats(now())).oldestPendingAt;
      this.set(oldest === null ? 0 : Math.max(0, (now() - oldest) / 1000));
    },
  });
  return metrics;
}
