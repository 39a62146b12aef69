// GA4's demo module: `signal-map demo` delivers samples/demo-events.jsonl to the local GA4 emulator.

import { genericDemoReport, reportCommand, type DemoModule, type GenericDemo } from "../../cli/commands/demo.js";

const DEMO: GenericDemo = {
  integration: "ga4",
  map: "events.map",
  samples: "demo-events.jsonl",
  credentials: (fake) => {
    const secret = `demo-ga4-${fake}`;
    return { accepted: secret, settings: { measurement_id: "G-DEMO123", api_secret: secret }, secrets: [secret] };
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
  holds: (accepted) => {
    const details = accepted.flatMap((r) => {
      const body = (r.body ?? {}) as { client_id?: unknown; events?: { name?: unknown }[] };
      return (body.events ?? []).map((e) => `${String(e.name)}  client_id=${String(body.client_id)}`);
    });
    return { summary: `${details.length} events`, details };
  },
};

const HELP = "signal-map demo (ga4): delivers presets/ga4/samples/demo-events.jsonl to a local GA4 emulator.";
const report = () => genericDemoReport(DEMO);

export default { help: HELP, run: reportCommand(HELP, report), report } satisfies DemoModule;
