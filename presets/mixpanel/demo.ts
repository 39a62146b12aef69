// Mixpanel's demo module: `signal-map demo` starts the local Mixpanel emulator and checks what the pipeline delivered.

import { genericDestination } from "../../cli/commands/demo-generic.js";
import type { PipelineDemo } from "../../cli/commands/demo-module.js";

const DEMO: PipelineDemo = {
  integration: "mixpanel",
  map: "import.map",
  samples: "demo-events.jsonl",
  start: async (fake) => {
    const secret = `demo-secret-${fake}`;
    const destination = await genericDestination("mixpanel", `demo-sa:${secret}`, (accepted) => {
      const events = accepted.flatMap((r) => (Array.isArray(r.body) ? r.body : []) as Record<string, unknown>[]);
      const details = events.map((e) => {
        const properties = (e["properties"] ?? {}) as Record<string, unknown>;
        return `${String(e["event"])}  distinct_id=${String(properties["distinct_id"])}`;
      });
      return { summary: `${events.length} events`, details };
    });
    const settings = { project_id: "4242", service_account_username: "demo-sa" };
    return { destination, settings, secrets: { service_account_secret: secret } };
  },
  // samples/README.md
  expected: {
    "demo-mp-1-page": "delivered",
    "demo-mp-2-lead": "delivered",
    "demo-mp-3-identify": "delivered",
    "demo-mp-4-no-consent": "dropped",
    "demo-mp-5-bad-time": "failed",
    "demo-mp-6-screen": "dropped",
  },
};

export default DEMO;
