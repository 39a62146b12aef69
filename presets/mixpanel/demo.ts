// Mixpanel's demo module: `signal-map demo` delivers samples/demo-events.jsonl to the local Mixpanel emulator.

import { genericDemoReport, reportCommand, type DemoModule, type GenericDemo } from "../../cli/commands/demo.js";

const DEMO: GenericDemo = {
  integration: "mixpanel",
  map: "import.map",
  samples: "demo-events.jsonl",
  credentials: (fake) => {
    const secret = `demo-secret-${fake}`;
    const settings = { project_id: "4242", service_account_username: "demo-sa", service_account_secret: secret };
    const basic = Buffer.from(`demo-sa:${secret}`).toString("base64");
    return { accepted: `demo-sa:${secret}`, settings, secrets: [secret, basic] };
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
  holds: (accepted) => {
    const events = accepted.flatMap((r) => (Array.isArray(r.body) ? r.body : []) as Record<string, unknown>[]);
    const details = events.map((e) => {
      const properties = (e["properties"] ?? {}) as Record<string, unknown>;
      return `${String(e["event"])}  distinct_id=${String(properties["distinct_id"])}`;
    });
    return { summary: `${events.length} events`, details };
  },
};

const HELP =
  "signal-map demo (mixpanel): delivers presets/mixpanel/samples/demo-events.jsonl to a local Mixpanel emulator.";
const report = () => genericDemoReport(DEMO);

export default { help: HELP, run: reportCommand(HELP, report), report } satisfies DemoModule;
