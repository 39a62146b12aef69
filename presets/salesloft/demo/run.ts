// `signal-map demo`: delivers sample leads to a local Salesloft emulator and shows what happened to each.

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { deliverEvents } from "../../../delivery/deliver.js";
import type { DeliveryResult, DeliverySummary } from "../../../delivery/results.js";
import { createSalesloftSender } from "../sender.js";
import { startEmulator, type Emulator, type Person } from "../emulator/index.js";
import { loadPreset } from "../../../loader/load-preset.js";
import { packageRoot } from "../../../loader/paths.js";
import { EXIT, type CliIO, type Command } from "../../../cli/io.js";
import type { DemoReport } from "../../../cli/commands/demo.js";
import { redactText } from "../../../runtime/redact.js";
import { unmetExpectations } from "./expectations.js";
import { eventsTable, labelOf, peopleTable } from "./table.js";
import { redacting } from "../../../cli/commands/deliver-output.js";
import { usageError } from "../../../cli/usage.js";

const PRESET = join(packageRoot, "presets", "salesloft", "lead-capture.map");
const SAMPLES = join(packageRoot, "presets", "salesloft", "samples", "demo-leads.jsonl");
// The demo tenant lacks signal_landing_page, to show a lead landing without a custom field the tenant does not have.
const TENANT_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "signup_method"];

export const DEMO_HELP = `Usage: signal-map demo

Starts a Salesloft API emulator on 127.0.0.1 (nothing leaves this machine), compiles the Lead Capture preset
(presets/salesloft/lead-capture.map) and delivers the sample events in
presets/salesloft/samples/demo-leads.jsonl: the seed's example lead, a resubmission with a new title, a lead
without an email, a page view, and a signup whose landing-page custom field the tenant lacks. Prints what
happened to each event and the People the emulator now holds.

Exit: 0 when everything went as expected, 1 when something did not (it says what), 2 when the demo could not run.`;

export const demoCommand: Command = async (argv, io) => {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(`${DEMO_HELP}\n`);
    return EXIT.ok;
  }
  if (argv.length > 0) {
    return usageError(io, "demo", `takes no arguments, got ${JSON.stringify(argv[0])}`, DEMO_HELP);
  }
  try {
    const run = await deliverSamples((url) => io.stdout.write(introduction(url, io.cwd)));
    const out = redacting(io.stdout, () => [run.apiKey]);
    out.write(`What happened to each event:\n${eventsTable(run.results, run.lines.map(labelOf))}\n`);
    out.write(`People now in the emulator:\n${peopleTable(run.people)}\n`);
    const { delivered, dropped, failed } = run.summary;
    out.write(`${delivered} delivered, ${dropped} dropped, ${failed} failed.\n`);
    return verdict(unmetExpectations(run.results, run.people), { ...io, stdout: out });
  } catch (error) {
    io.stderr.write(`signal-map demo: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
};

/** The demo's run as the shared `signal-map demo` table shows it: counts, People, one line per event. */
export async function salesloftReport(): Promise<DemoReport> {
  const run = await deliverSamples(() => undefined);
  const scrub = (text: string) => redactText(text, [run.apiKey]);
  const events = eventsTable(run.results, run.lines.map(labelOf)).trimEnd().split("\n");
  const people = peopleTable(run.people).trimEnd().split("\n");
  return {
    destination: "salesloft",
    sent: run.lines.length,
    delivered: run.summary.delivered,
    dropped: run.summary.dropped,
    failed: run.summary.failed,
    holds: `${run.people.length} People`,
    details: [...events, "People now in the emulator:", ...people].map((line) => scrub(line.replace(/^  /, ""))),
    unmet: unmetExpectations(run.results, run.people),
  };
}

interface DemoRun {
  readonly apiKey: string;
  readonly lines: readonly string[];
  readonly results: DeliveryResult[];
  readonly people: Person[];
  readonly summary: DeliverySummary;
}

/** Starts the emulator on an ephemeral port with a fresh key, delivers the samples, and closes it. */
async function deliverSamples(started: (url: string) => void): Promise<DemoRun> {
  // A fresh key per run: it unlocks only this emulator, and is scrubbed from output all the same.
  const apiKey = `demo-${randomBytes(12).toString("hex")}`;
  const emulator: Emulator = await startEmulator({
    apiKeys: { [apiKey]: { team: "demo", scopes: ["people"] } },
    customFields: TENANT_FIELDS,
  });
  try {
    const preset = await loadPreset(PRESET);
    const settings = preset.validateSettings({ api_key: apiKey });
    if (!settings.ok) throw new Error(settings.problems.join("; "));
    const lines = (await readFile(SAMPLES, "utf8")).split("\n").filter((line) => line.trim() !== "");
    started(emulator.url);
    const sender = createSalesloftSender({ baseUrl: emulator.url });
    const results: DeliveryResult[] = [];
    let summary: DeliverySummary;
    try {
      const onResult = (r: DeliveryResult) => results.push(r);
      summary = await deliverEvents(lines, {
        preset,
        settings: settings.settings,
        sender,
        secrets: [apiKey],
        onResult,
      });
    } finally {
      await sender.close();
    }
    results.sort((a, b) => a.line - b.line);
    return { apiKey, lines, results, people: emulator.people(), summary };
  } catch (error) {
    throw new Error(redactText(error instanceof Error ? error.message : String(error), [apiKey]));
  } finally {
    await emulator.close();
  }
}

function introduction(url: string, cwd: string): string {
  return (
    [
      `Salesloft emulator on ${url} (tenant custom fields: ${TENANT_FIELDS.join(", ")})`,
      `Preset:  ${relative(cwd, PRESET) || PRESET}`,
      `Events:  ${relative(cwd, SAMPLES) || SAMPLES}`,
      "",
    ].join("\n") + "\n"
  );
}

function verdict(unmet: readonly string[], io: CliIO): number {
  if (unmet.length === 0) {
    io.stdout.write(
      "Everything went as expected: the lead landed, the resubmission updated it, the rest were handled as the preset says.\n",
    );
    return EXIT.ok;
  }
  io.stdout.write(`Not as expected:\n${unmet.map((what) => `  - ${what}\n`).join("")}`);
  return EXIT.errors;
}
