// `signal-map demo`: runs the demo each shipped integration brings (presets/<name>/demo.ts), all at once, on
// 127.0.0.1 only, and prints per destination what landed. Names no destination: the registry finds the modules.

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { systemClock } from "../../delivery/clock.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import { findAdapter, importIntegrationModule, integrationsWithModule } from "../../delivery/registry.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import type { RecordedRequest } from "../../emulator/recorder.js";
import { findEmulator } from "../../emulator/registry.js";
import { loadPreset } from "../../loader/load-preset.js";
import { packageRoot } from "../../loader/paths.js";
import { redactText } from "../../runtime/redact.js";
import { EXIT, type CliIO, type Command } from "../io.js";

/** What one integration's demo did, for the shared table. */
export interface DemoReport {
  readonly destination: string;
  readonly sent: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly failed: number;
  /** What the emulator now holds, e.g. "2 People". */
  readonly holds: string;
  /** Lines shown under the table: one per delivered record. */
  readonly details: readonly string[];
  /** The expectations of the samples' README that did not hold; empty when all did. */
  readonly unmet: readonly string[];
}

/** What an integration's demo module exports; `report` lets the demo run it beside the others. */
export interface DemoModule {
  readonly help: string;
  readonly run: Command;
  readonly report?: () => Promise<DemoReport>;
}

export const DEMO_HELP = `Usage: signal-map demo

Starts every shipped integration's emulator on 127.0.0.1 (nothing leaves this machine), delivers each integration's
sample events (presets/<name>/samples/) with its shipped preset and fake credentials, all at once, and prints per
destination what was sent, delivered, dropped and failed, and what the emulator now holds.

Exit: 0 when every destination behaved as its samples' README says, 1 when something did not (it says what),
2 when the demo could not run.`;

export const demoCommand: Command = async (argv, io) => {
  const demos = await demoModules();
  if (demos.length === 0) {
    io.stderr.write("signal-map demo: no integration ships a demo\n");
    return EXIT.usage;
  }
  // One demo: it is the command, help and arguments included.
  if (demos.length === 1) return demos[0]!.run(argv, io);
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(`${DEMO_HELP}\n`);
    return EXIT.ok;
  }
  if (argv.length > 0) {
    io.stderr.write(`signal-map demo: takes no arguments, got ${JSON.stringify(argv[0])}\n\n${DEMO_HELP}\n`);
    return EXIT.usage;
  }
  let reports: DemoReport[];
  try {
    reports = await Promise.all(demos.map((demo) => demo.report?.() ?? runAlone(demo)));
  } catch (error) {
    io.stderr.write(`signal-map demo: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  io.stdout.write(reportText(reports));
  return reports.some((report) => report.unmet.length > 0) ? EXIT.errors : EXIT.ok;
};

async function demoModules(): Promise<DemoModule[]> {
  const demos: DemoModule[] = [];
  for (const name of integrationsWithModule("demo")) {
    const mod = (await importIntegrationModule(name, "demo")) as { default?: DemoModule } | undefined;
    if (mod?.default) demos.push(mod.default);
  }
  return demos;
}

/** A demo module without `report`: its own output becomes the details, its exit code the verdict. */
async function runAlone(demo: DemoModule): Promise<DemoReport> {
  const out: string[] = [];
  const sink = { write: (text: string) => out.push(text) };
  const io = { stdout: sink, stderr: sink, stdin: process.stdin, env: {}, cwd: process.cwd() };
  const code = await demo.run([], io);
  const details = out.join("").split("\n").filter(Boolean);
  const unmet = code === EXIT.ok ? [] : ["its demo did not go as expected"];
  return { destination: details[0] ?? "?", sent: 0, delivered: 0, dropped: 0, failed: 0, holds: "-", details, unmet };
}

function reportText(reports: readonly DemoReport[]): string {
  const header = ["destination", "events", "delivered", "dropped", "failed", "emulator holds"];
  const rows = reports.map((r) =>
    [r.destination, r.sent, r.delivered, r.dropped, r.failed, r.holds].map((cell) => String(cell)),
  );
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  const out = [`Delivered the sample events to ${reports.length} local emulators at once:`, "", line(header)];
  out.push(...rows.map(line), "");
  for (const report of reports) out.push(`${report.destination}:`, ...report.details.map((d) => `  ${d}`), "");
  const unmet = reports.flatMap((r) => r.unmet.map((what) => `  - ${r.destination}: ${what}`));
  out.push(
    unmet.length === 0 ? "Everything went as the samples' READMEs say." : `Not as expected:\n${unmet.join("\n")}`,
  );
  return `${out.join("\n")}\n`;
}

/** The demo of an integration served by the generic emulator: its shipped preset, its samples, fake credentials. */
export interface GenericDemo {
  readonly integration: string;
  readonly map: string;
  readonly samples: string;
  /** The emulator's accepted credential and the preset's settings with it; `secrets` are never printed. */
  readonly credentials: (fake: string) => { accepted: string; settings: object; secrets: readonly string[] };
  /** The status each sample's messageId must end with, as the samples' README says. */
  readonly expected: Readonly<Record<string, DeliveryResult["status"]>>;
  /** What the emulator holds, from the requests it accepted: a count and one line per delivered record. */
  readonly holds: (accepted: readonly RecordedRequest[]) => { summary: string; details: string[] };
}

/** Runs a GenericDemo: emulator on an ephemeral port, delivery through the integration's adapter, a report. */
export async function genericDemoReport(demo: GenericDemo): Promise<DemoReport> {
  const module = await findEmulator(demo.integration);
  if (!module) throw new Error(`${demo.integration} has no emulator`);
  const { accepted, settings, secrets } = demo.credentials(randomBytes(12).toString("hex"));
  const samples = join(packageRoot, "presets", demo.integration, "samples", demo.samples);
  const lines = (await readFile(samples, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const running: RunningEmulator = await startGenericEmulator(demo.integration, module, { credentials: [accepted] });
  try {
    const results = await deliverSamples(demo, running.url, settings, secrets, lines);
    const held = demo.holds(running.requests().filter((r) => r.status >= 200 && r.status < 300));
    const count = (status: DeliveryResult["status"]) => results.filter((r) => r.status === status).length;
    const unmet = Object.entries(demo.expected)
      .filter(([id, status]) => results.find((r) => r.messageId === id)?.status !== status)
      .map(([id, status]) => `${id} is ${status}`);
    return {
      destination: demo.integration,
      sent: lines.length,
      delivered: count("delivered"),
      dropped: count("dropped"),
      failed: count("failed"),
      holds: held.summary,
      details: held.details.map((line) => redactText(line, secrets)),
      unmet,
    };
  } finally {
    await running.close();
  }
}

/** Delivers the sample lines with the shipped preset to the emulator at `baseUrl`; the results, one per line. */
async function deliverSamples(
  demo: GenericDemo,
  baseUrl: string,
  settings: object,
  secrets: readonly string[],
  lines: readonly string[],
): Promise<DeliveryResult[]> {
  const preset = await loadPreset(join(packageRoot, "presets", demo.integration, demo.map));
  const checked = preset.validateSettings(settings);
  if (!checked.ok) throw new Error(checked.problems.join("; "));
  const factory = await findAdapter(demo.integration);
  const integration = preset.meta.integration as { rateLimit?: { limit: number; windowMs: number } };
  const adapter = factory?.({ clock: systemClock });
  const sender = createHttpSender({ adapter, baseUrl, rateLimit: integration.rateLimit });
  const results: DeliveryResult[] = [];
  try {
    const onResult = (r: DeliveryResult) => results.push(r);
    await deliverEvents(lines, { preset, settings: checked.settings, sender, secrets, onResult });
  } finally {
    await sender.close();
  }
  return results;
}

/** A demo module's own command (when it is the only one): its report printed as the shared table. */
export function reportCommand(help: string, report: () => Promise<DemoReport>): Command {
  return async (argv, io: CliIO) => {
    if (argv.length > 0) {
      io.stdout.write(`${help}\n`);
      return argv.includes("--help") || argv.includes("-h") ? EXIT.ok : EXIT.usage;
    }
    const result = await report();
    io.stdout.write(reportText([result]));
    return result.unmet.length > 0 ? EXIT.errors : EXIT.ok;
  };
}
