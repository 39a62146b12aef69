// The demo's tracking script: posts the sample events to serve's Segment-compatible endpoints over HTTP, the first
// file as one `/v1/batch` (how a server SDK flushes its queue), every other event as its own `/v1/<type>` call (how
// analytics.js sends from a page), with the write key as the Basic-auth user name and a text/plain body.

import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { request } from "undici";

export interface SampleFile {
  /** The integration folder and file name, for messages. */
  readonly name: string;
  readonly events: readonly Record<string, unknown>[];
}

/** Reads a JSONL file of canonical events; an event without a messageId gets one, so its outcome can be found. */
export async function readSamples(path: string): Promise<SampleFile> {
  const name = `${basename(dirname(dirname(path)))}/${basename(path)}`;
  const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line.trim() !== "");
  const events = lines.map((line, i) => {
    const event = JSON.parse(line) as Record<string, unknown>;
    if (typeof event.type !== "string") throw new Error(`${name} line ${i + 1} has no "type"`);
    return { ...event, messageId: event.messageId ?? `${name}#${i + 1}` };
  });
  return { name, events };
}

/** Posts every file's events in order; throws, naming the event, at the first answer that is not 200. */
export async function postSamples(
  url: string,
  writeKey: string,
  files: readonly SampleFile[],
): Promise<{ single: number; batches: number }> {
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
  let single = 0;
  let batches = 0;
  for (const [index, file] of files.entries()) {
    if (index === 0 && file.events.length > 0) {
      await post(`${url}/v1/batch`, auth, { batch: file.events }, `the batch of ${file.name}`);
      batches++;
      continue;
    }
    for (const event of file.events) {
      const { type, ...body } = event;
      await post(`${url}/v1/${String(type)}`, auth, body, `${String(event.messageId)} of ${file.name}`);
      single++;
    }
  }
  return { single, batches };
}

async function post(url: string, auth: string, body: unknown, what: string): Promise<void> {
  // No User-Agent header: the samples carry context.userAgent themselves (one deliberately lacks it), as
  // analytics.js puts the browser's there.
  const answer = await request(url, {
    method: "POST",
    headers: { authorization: auth, "content-type": "text/plain" },
    body: JSON.stringify(body),
  });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`serve answered ${answer.statusCode} to ${what}: ${text}`);
}
