// Meta's demo module: `signal-map demo` delivers samples/demo-events.jsonl to the local Meta emulator.

import { genericDemoReport, reportCommand, type DemoModule, type GenericDemo } from "../../cli/commands/demo.js";

const DEMO: GenericDemo = {
  integration: "meta",
  map: "conversions.map",
  samples: "demo-events.jsonl",
  credentials: (fake) => {
    const token = `demo-meta-${fake}`;
    return { accepted: token, settings: { pixel_id: "1234567890", access_token: token }, secrets: [token] };
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
  holds: (accepted) => {
    const events = accepted.flatMap((r) => ((r.body as { data?: unknown[] })?.data ?? []) as Record<string, unknown>[]);
    const details = events.map((e) => `${String(e["event_name"])}  event_id=${String(e["event_id"])}`);
    return { summary: `${events.length} events`, details };
  },
};

const HELP = "signal-map demo (meta): delivers presets/meta/samples/demo-events.jsonl to a local Meta emulator.";
const report = () => genericDemoReport(DEMO);

export default { help: HELP, run: reportCommand(HELP, report), report } satisfies DemoModule;
