// GA4's demo module: `signal-map demo` starts the local GA4 emulator and checks what the pipeline delivered to it.

import { genericDestination } from "../../cli/commands/demo-generic.js";
import type { PipelineDemo } from "../../cli/commands/demo-module.js";

const DEMO: PipelineDemo = {
  integration: "ga4",
  map: "events.map",
  samples: "demo-events.jsonl",
  start: async (fake) => {
    const secret = `demo-ga4-${fake}`;
    const destination = await genericDestination("ga4", secret, (accepted) => {
      const details = accepted.flatMap((r) => {
        const body = (r.body ?? {}) as { client_id?: unknown; events?: { name?: unknown }[] };
        return (body.events ?? []).map((e) => `${String(e.name)}  client_id=${String(body.client_id)}`);
      });
      return { summary: `${details.length} events`, details };
    });
    return { destination, settings: { measurement_id: "G-DEMO123" }, secrets: { api_secret: secret } };
  },
  // samples/README.md
  expected: {
    "ga4-demo-1-lead": "delivered",
    "ga4-demo-2-signup": "delivered",
    "ga4-demo-3-login": "delivered",
    "ga4-demo-4-order": "delivered",
    "ga4-demo-5-ads-denied": "delivered",
    "ga4-demo-6-no-analytics-consent": "dropped",
    "ga4-demo-7-no-client-id": "failed",
    "ga4-demo-8-custom-event": "delivered",
  },
};

export default DEMO;
