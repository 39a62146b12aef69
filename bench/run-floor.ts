// The floor `signal-map run` is measured against (bench part run-io): a plain Node script that reads the same JSONL,
// parses each line, calls the same preset's transform, serialises the outcome and writes 64 KiB batches — no line
// numbers, no UTF-8 check, no exact ids, no redaction, no backpressure bookkeeping beyond awaiting drain.
// Usage: node dist/bench/run-floor.js PRESET.map SETTINGS.json EVENTS.jsonl > OUT

import { createReadStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { loadPreset } from "../loader/load-preset.js";

async function main(): Promise<void> {
  const [mapFile, settingsFile, eventsFile] = process.argv.slice(2);
  if (mapFile === undefined || settingsFile === undefined || eventsFile === undefined) {
    throw new Error("usage: run-floor PRESET.map SETTINGS.json EVENTS.jsonl");
  }
  const preset = await loadPreset(mapFile);
  const checked = preset.validateSettings(JSON.parse(readFileSync(settingsFile, "utf8")), {});
  if (!checked.ok) throw new Error(checked.problems.join("; "));
  const settings = checked.settings;
  let rest = "";
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join("\n") + "\n";
    batch = [];
    size = 0;
    if (!process.stdout.write(text)) await once(process.stdout, "drain");
  };
  for await (const chunk of createReadStream(eventsFile, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (line.trim() === "") continue;
      const text = JSON.stringify(preset.transform(JSON.parse(line), settings));
      batch.push(text);
      size += text.length + 1;
      if (size >= 64 * 1024) await flush();
    }
  }
  if (rest.trim() !== "") batch.push(JSON.stringify(preset.transform(JSON.parse(rest), settings)));
  await flush();
}

main().catch((error: unknown) => {
  console.error(`run-floor: ${(error as Error).message}`);
  process.exit(1);
});
