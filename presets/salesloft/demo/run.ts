// `signal-map demo`: delivers sample leads to a local Salesloft emulator and shows what happened to each.

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { deliverEvents } from "../../../delivery/deliver.js";
import type { DeliveryResult, DeliverySummary } from "../../../delivery/results.js";
import { createSalesloftSender } from "../sender.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { loadPreset } from "../../../loader/load-preset.js";
import { packageRoot } from "../../../loader/paths.js";
import { EXIT, type CliIO, type Command } from "../../../cli/io.js";
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
  // A fresh key per run: it unlocks only this emulator, and is scrubbed from output all the same.
  const apiKey = `demo-${randomBytes(12).toString("hex")}`;
  const out = redacting(io.stdout, () => [apiKey]);
  let emulator: Emulator | undefined;
  try {
    emulator = await startEmulator({
      apiKeys: { [apiKey]: { team: "demo", scopes: ["people"] } },
      customFields: TENANT_FIELDS,
    });
    return await runDemo(emulator, apiKey, { ...io, stdout: out });
  } catch (error) {
    redacting(io.stderr, () => [apiKey]).write(
      `signal-map demo: could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.usage;
  } finally {
    await emulator?.close();
  }
};

async function runDemo(emulator: Emulator, apiKey: string, io: CliIO): Promise<number> {
  const preset = await loadPreset(PRESET);
  const settings = preset.validateSettings({ api_key: apiKey });
  if (!settings.ok) throw new Error(settings.problems.join("; "));
  const lines = (await readFile(SAMPLES, "utf8")).split("\n").filter((line) => line.trim() !== "");
  io.stdout.write(introduction(emulator, io.cwd));
  const sender = createSalesloftSender({ baseUrl: emulator.url });
  const results: DeliveryResult[] = [];
  let summary: DeliverySummary;
  try {
    summary = await deliverEvents(lines, {
      preset,
      settings: settings.settings,
      sender,
      secrets: [apiKey],
      onResult: (r) => results.push(r),
    });
  } finally {
    await sender.close();
  }
  results.sort((a, b) => a.line - b.line);
  const people = emulator.people();
  io.stdout.write(`What happened to each event:\n${eventsTable(results, lines.map(labelOf))}\n`);
  io.stdout.write(`People now in the emulator:\n${peopleTable(people)}\n`);
  io.stdout.write(`${summary.delivered} delivered, ${summary.dropped} dropped, ${summary.failed} failed.\n`);
  return verdict(unmetExpectations(results, people), io);
}

function introduction(emulator: Emulator, cwd: string): string {
  return (
    [
      `Salesloft emulator on ${emulator.url} (tenant custom fields: ${TENANT_FIELDS.join(", ")})`,
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
