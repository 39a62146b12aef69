// The floor `signal-map run` is measured against (bench part run-io): a plain Node script that reads the same JSONL,
// parses each line, calls the same preset's transform, serialises the outcome and writes 64 KiB batches — no line
// numbers, no UTF-8 check, no exact ids, no redaction, no backpressure bookkeeping beyond awaiting drain.
// `--stage` stops the pipeline early, so the part can say where the floor's own time goes.
// Usage: node dist/bench/run-floor.js [--stage load|split|parse|transform|serialise|write] PRESET.map SETTINGS.json EVENTS

import { once } from "node:events";
import { createReadStream, readFileSync } from "node:fs";
import { loadPreset } from "../loader/load-preset.js";
import type { Preset } from "../runtime/preset.js";
import type { Settings } from "../runtime/values.js";

const STAGES = ["load", "split", "parse", "transform", "serialise", "write"] as const;
type Stage = (typeof STAGES)[number];

type LineSink = (line: string) => Promise<void> | void;

/** What happens to one line at each stage; every stage keeps a result alive so none is optimised away. */
function sinkFor(
  stage: Exclude<Stage, "load">,
  preset: Preset,
  settings: Settings,
  write: (text: string) => Promise<void> | void,
) {
  let kept = 0;
  const sinks: Record<Exclude<Stage, "load">, LineSink> = {
    split: (line) => void (kept += line.length),
    parse: (line) => void (kept += JSON.parse(line) === null ? 0 : 1),
    transform: (line) => void (kept += preset.transform(JSON.parse(line), settings).outcome.length),
    serialise: (line) => void (kept += JSON.stringify(preset.transform(JSON.parse(line), settings)).length),
    write: (line) => write(JSON.stringify(preset.transform(JSON.parse(line), settings))),
  };
  return { sink: sinks[stage], kept: () => kept };
}

async function main(argv: string[]): Promise<void> {
  const stageAt = argv.indexOf("--stage");
  const stage = (stageAt >= 0 ? argv.splice(stageAt, 2)[1] : "write") as Stage;
  const [mapFile, settingsFile, eventsFile] = argv;
  if (!STAGES.includes(stage) || mapFile === undefined || settingsFile === undefined || eventsFile === undefined) {
    throw new Error("usage: run-floor [--stage STAGE] PRESET.map SETTINGS.json EVENTS.jsonl");
  }
  const preset = await loadPreset(mapFile);
  const checked = preset.validateSettings(JSON.parse(readFileSync(settingsFile, "utf8")), {});
  if (!checked.ok) throw new Error(checked.problems.join("; "));
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join("\n") + "\n";
    batch = [];
    size = 0;
    if (!process.stdout.write(text)) await once(process.stdout, "drain");
  };
  const write = (text: string) => {
    batch.push(text);
    size += text.length + 1;
    return size >= 64 * 1024 ? flush() : undefined;
  };
  if (stage === "load") return;
  const { sink, kept } = sinkFor(stage, preset, checked.settings, write);
  let rest = "";
  for await (const chunk of createReadStream(eventsFile, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (line.trim() === "") continue;
      // Awaiting only a real write: an await per line would charge the floor a microtask per event.
      const writing = sink(line);
      if (writing !== undefined) await writing;
    }
  }
  if (rest.trim() !== "") await sink(rest);
  await flush();
  if (stage !== "write") process.stderr.write(`kept ${kept()}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`run-floor: ${(error as Error).message}`);
  process.exit(1);
});
