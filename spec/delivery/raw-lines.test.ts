// Input lines read a chunk at a time are the lines of the whole input, however the bytes were cut into chunks:
// each line is decoded as it would be alone, a line that is not UTF-8 stays bytes, and only the first BOM goes.

import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRawLineBatches, readRawLines, UndecodableLine } from "../../delivery/input-events.js";

/** The lines of the whole input, each decoded alone: what reading it in any chunks must give. */
function expected(bytes: Buffer): (string | { bytes: number[] })[] {
  const parts: Buffer[] = [];
  let rest = bytes;
  for (let end = rest.indexOf(10); end !== -1; end = rest.indexOf(10)) {
    parts.push(rest.subarray(0, end));
    rest = rest.subarray(end + 1);
  }
  if (rest.length > 0) parts.push(rest);
  return parts.map((part, index) => {
    const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(part);
    if (Buffer.from(text, "utf8").equals(part) === false) return { bytes: [...part] };
    return index === 0 && text.startsWith("\uFEFF") ? text.slice(1) : text;
  });
}

const shown = (line: string | UndecodableLine) => (line instanceof UndecodableLine ? { bytes: [...line.bytes] } : line);

// Bytes rich in newlines, carriage returns, multi-byte characters (whole and cut), a BOM and invalid sequences.
const PIECES = ["\n", "\r\n", '{"a":1}', "é", "€", "😀", "\uFEFF", " ", "x"].map((text) => Buffer.from(text, "utf8"));
const BAD = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80])];
const input = fc.array(fc.constantFrom(...PIECES, ...BAD), { maxLength: 30 }).map((parts) => Buffer.concat(parts));

function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  return Readable.from(chunks);
}

describe("reading raw lines a chunk at a time", () => {
  it("gives the lines of the whole input, each decoded alone, however it is cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, cuts) => {
        const lines: ReturnType<typeof shown>[] = [];
        for await (const batch of readRawLineBatches(chunked(bytes, cuts))) lines.push(...batch.map(shown));
        expect(lines).toEqual(expected(bytes));
      }),
      { numRuns: 1500, seed: 16 },
    );
  });

  it("gives the same lines one at a time", async () => {
    const bytes = Buffer.concat([Buffer.from("\uFEFF{}\n", "utf8"), Buffer.from([0xff, 10]), Buffer.from("é\r\nlast")]);
    const lines: ReturnType<typeof shown>[] = [];
    for await (const line of readRawLines(chunked(bytes, [2, 5, 9]))) lines.push(shown(line));
    expect(lines).toEqual(["{}", { bytes: [0xff] }, "é\r", "last"]);
  });

  it("keeps a BOM that starts a later line, in a chunk that is not UTF-8 throughout", async () => {
    const bytes = Buffer.concat([Buffer.from("a\n"), Buffer.from("\uFEFFb\n", "utf8"), Buffer.from([0xff, 10])]);
    const lines: ReturnType<typeof shown>[] = [];
    for await (const batch of readRawLineBatches(chunked(bytes, [2]))) lines.push(...batch.map(shown));
    expect(lines).toEqual(["a", "\uFEFFb", { bytes: [0xff] }]);
  });
});
