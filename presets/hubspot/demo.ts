// HubSpot's demo module: `signal-map demo` starts the local HubSpot emulator and checks what the pipeline delivered.

import { genericDestination } from "../../cli/commands/demo-generic.js";
import type { PipelineDemo } from "../../cli/commands/demo-module.js";

const DEMO: PipelineDemo = {
  integration: "hubspot",
  map: "contacts.map",
  samples: "demo-leads.jsonl",
  start: async (fake) => {
    const token = `pat-demo-${fake}`;
    const destination = await genericDestination("hubspot", token, (accepted) => {
      const inputs = accepted.flatMap(
        (r) => ((r.body as { inputs?: unknown[] })?.inputs ?? []) as { id?: unknown; properties?: object }[],
      );
      const contacts = new Set(inputs.map((input) => String(input.id)));
      const details = inputs.map((input) => {
        const properties = Object.entries(input.properties ?? {}).filter(([key]) => key !== "email");
        return `upsert ${String(input.id)}: ${properties.map(([key, value]) => `${key}=${String(value)}`).join(", ")}`;
      });
      return { summary: `${contacts.size} contacts`, details };
    });
    return { destination, settings: {}, secrets: { access_token: token } };
  },
  // samples/README.md
  expected: {
    "demo-hs-1-lead": "delivered",
    "demo-hs-2-identify": "delivered",
    "demo-hs-3-no-email": "failed",
    "demo-hs-4-page-view": "dropped",
    "demo-hs-5-signup": "delivered",
  },
};

export default DEMO;
