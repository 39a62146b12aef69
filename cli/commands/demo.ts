// `signal-map demo`: the live pipeline end to end on 127.0.0.1 — every shipped integration's emulator, `serve` on an
// embedded store, the samples posted over HTTP — and what landed at each destination. Names no destination: the
// registry finds each integration's demo module (presets/<name>/demo.ts).

import { importIntegrationModule, integrationsWithModule } from "../../delivery/registry.js";
import { redactText } from "../../runtime/redact.js";
import { parseArgs, type ArgSpec } from "../args.js";
import { EXIT, type Command } from "../io.js";
import { usageError } from "../usage.js";
import { untilStopped } from "./serve.js";
import type { PipelineDemo } from "./demo-module.js";
import { runPipelineDemo, type DemoRun } from "./demo-pipeline.js";
import { introText, landedText, verdictText } from "./demo-report.js";

export const DEMO_HELP = `Usage: signal-map demo [--keep] [--timeout SECONDS]

Runs the live pipeline on this machine, nothing leaving 127.0.0.1: starts every shipped integration's emulator on
an ephemeral port, starts \`serve\` in this process on an embedded SQLite store in a temporary folder, with a
generated config (one source, every integration with its shipped preset; fake credentials made for this run reach it
through the environment, never the file), and posts every integration's sample events
(presets/<name>/samples/) over HTTP as a tracking script would: one /v1/batch, then /v1/track, /v1/identify, /v1/page
and /v1/screen calls. Every event goes to every integration. It waits until each event has a final outcome at each
integration, prints what landed at each destination and what was dropped or refused and why, prints the Event
Debugger's URL and password, then stops serve as SIGTERM would (finishing what is on the wire).

  --keep               leave the pipeline, the debugger and the emulators running until Ctrl-C
  --timeout SECONDS    how long the deliveries may take (default 30)

Exit: 0 when everything landed as the samples' READMEs say, 1 when something did not (it says what), 2 when the demo
could not run (or did not finish in time).`;

const SPEC: ArgSpec = { flags: ["keep"], options: ["timeout"] };

export const demoCommand: Command = async (argv, io) => {
  const args = parseArgs(argv, SPEC);
  if (args.help) return (io.stdout.write(`${DEMO_HELP}\n`), EXIT.ok);
  const timeout = Number(args.options.get("timeout") ?? "30");
  if (args.error || args.positional.length > 0 || !(timeout > 0)) {
    const problem = args.error ?? (args.positional.length > 0 ? "takes no file" : "--timeout takes seconds, e.g. 30");
    return usageError(io, "demo", problem, DEMO_HELP);
  }
  const demos = await demoModules();
  if (demos.length === 0) {
    io.stderr.write("signal-map demo: no integration ships a demo\n");
    return EXIT.usage;
  }
  let run: DemoRun;
  try {
    run = await runPipelineDemo(demos, { timeoutMs: timeout * 1000 });
  } catch (error) {
    io.stderr.write(`signal-map demo: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  // Every fake credential is scrubbed; the debugger's password is printed on purpose, it is made for this run.
  const scrub = (text: string) =>
    redactText(
      text,
      run.secrets.filter((s) => s !== run.adminPassword),
    );
  const events = run.landed[0]?.outcomes.length ?? 0;
  io.stdout.write(scrub(introText(run, events) + landedText(run.landed)));
  io.stdout.write(debuggerText(run, args.flags.has("keep")));
  if (args.flags.has("keep")) await untilStopped((io as { signal?: AbortSignal }).signal);
  await run.close();
  io.stdout.write(`Stopped serve (no new events, what was on the wire finished) and the emulators.\n`);
  io.stdout.write(scrub(verdictText(run.landed)));
  return run.landed.some((l) => l.unmet.length > 0) ? EXIT.errors : EXIT.ok;
};

function debuggerText(run: DemoRun, keep: boolean): string {
  const where = `Event Debugger: ${run.url}/debugger  (user admin, password ${run.adminPassword}, made for this run)`;
  const when = keep
    ? "The pipeline keeps running; press Ctrl-C to stop it."
    : "It is live only while the demo runs: `npm run demo -- --keep` leaves it running until Ctrl-C.";
  return `${where}\n${when}\n`;
}

async function demoModules(): Promise<PipelineDemo[]> {
  const demos: PipelineDemo[] = [];
  for (const name of integrationsWithModule("demo")) {
    const mod = (await importIntegrationModule(name, "demo")) as { default?: PipelineDemo } | undefined;
    if (mod?.default) demos.push(mod.default);
  }
  return demos;
}
