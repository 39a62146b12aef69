// Meta's demo module: `signal-map demo` starts the local Meta emulator and checks what the pipeline delivered to it.

import { genericDestination } from "../../cli/commands/demo-generic.js";
import type { PipelineDemo } from "../../cli/commands/demo-module.js";

const DEMO: PipelineDemo = {
  integration: "meta",
  map: "conversions.map",
  samples: "demo-events.jsonl",
  start: async (fake) => {
    const token = `demo-meta-${fake}`;
    const destination = await genericDestination("meta", token, (accepted) => {
      const events = accepted.flatMap(
        (r) => ((r.body as { data?: unknown[] })?.data ?? []) as Record<string, unknown>[],
      );
      const details = events.map((e) => `${String(e["event_name"])}  event_id=${String(e["event_id"])}`);
      return { summary: `${events.length} events`, details };
    });
    return { destination, settings: { pixel_id: "1234567890" }, secrets: { access_token: token } };
  },
  // samples/README.md
  expected: {
    "meta-demo-1-lead": "delivered",
    "meta-demo-2-signup": "delivered",
    "meta-demo-3-order": "delivered",
    "meta-demo-4-no-consent": "dropped",
    "meta-demo-5-no-user-agent": "failed",
    "meta-demo-6-page-view": "dropped",
  },
};

export default DEMO;
