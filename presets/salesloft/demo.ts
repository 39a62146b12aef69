// Salesloft's demo module: `signal-map demo` starts the local Salesloft emulator (a tenant without the landing-page
// custom field) and checks the People the pipeline's deliveries left there.

import type { PipelineDemo } from "../../cli/commands/demo-module.js";
import { startEmulator } from "./emulator/index.js";
import { unmetExpectations } from "./demo/expectations.js";
import { peopleTable } from "./demo/table.js";

// The demo tenant lacks signal_landing_page, to show a lead landing without a custom field the tenant does not have.
const TENANT_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "signup_method"];

const DEMO: PipelineDemo = {
  integration: "salesloft",
  map: "lead-capture.map",
  samples: "demo-leads.jsonl",
  start: async (fake) => {
    const apiKey = `demo-${fake}`;
    const emulator = await startEmulator({
      apiKeys: { [apiKey]: { team: "demo", scopes: ["people"] } },
      customFields: TENANT_FIELDS,
    });
    const destination = {
      url: emulator.url,
      holds: () => {
        const people = emulator.people();
        const details = peopleTable(people)
          .trimEnd()
          .split("\n")
          .map((line) => line.replace(/^ {2}/, ""));
        return { summary: `${people.length} People`, details, unmet: unmetExpectations(people) };
      },
      close: () => emulator.close(),
    };
    return { destination, settings: {}, secrets: { api_key: apiKey } };
  },
  // samples/README.md
  expected: {
    "demo-1-lead": "delivered",
    "demo-2-resubmission": "delivered",
    "demo-3-no-email": "failed",
    "demo-4-page-view": "dropped",
    "demo-5-landing-page": "delivered",
  },
};

export default DEMO;
