// HubSpot's demo module: `signal-map demo` delivers samples/demo-leads.jsonl to the local HubSpot emulator.

import { genericDemoReport, reportCommand, type DemoModule, type GenericDemo } from "../../cli/commands/demo.js";

const DEMO: GenericDemo = {
  integration: "hubspot",
  map: "contacts.map",
  samples: "demo-leads.jsonl",
  credentials: (fake) => {
    const token = `pat-demo-${fake}`;
    return { accepted: token, settings: { access_token: token }, secrets: [token] };
  },
  // samples/README.md
  expected: {
    "demo-hs-1-lead": "delivered",
    "demo-hs-2-identify": "delivered",
    "demo-hs-3-no-email": "failed",
    "demo-hs-4-page-view": "dropped",
    "demo-hs-5-signup": "delivered",
  },
  holds: (accepted) => {
    const inputs = accepted.flatMap(
      (r) => ((r.body as { inputs?: unknown[] })?.inputs ?? []) as { id?: unknown; properties?: object }[],
    );
    const contacts = new Set(inputs.map((input) => String(input.id)));
    const details = inputs.map((input) => {
      const properties = Object.entries(input.properties ?? {}).filter(([key]) => key !== "email");
      return `upsert ${String(input.id)}: ${properties.map(([key, value]) => `${key}=${String(value)}`).join(", ")}`;
    });
    return { summary: `${contacts.size} contacts`, details };
  },
};

const HELP =
  "signal-map demo (hubspot): delivers presets/hubspot/samples/demo-leads.jsonl to a local HubSpot emulator.";
const report = () => genericDemoReport(DEMO);

export default { help: HELP, run: reportCommand(HELP, report), report } satisfies DemoModule;
