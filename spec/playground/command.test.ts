// `signal-map playground`: help, argument mistakes, and a start that prints its 127.0.0.1 URL and stops when told.

import { describe, expect, it } from "vitest";
import { playgroundCommand } from "../../cli/commands/playground.js";
import type { CliIO } from "../../cli/io.js";
import { main } from "../../cli/main.js";

function capture(signal?: AbortSignal) {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: {},
    cwd: process.cwd(),
    signal,
  } as unknown as CliIO;
  return { out, io };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe("signal-map playground", () => {
  it("prints its URL on 127.0.0.1, serves the page's example, and stops cleanly when told to", async () => {
    const stop = new AbortController();
    const { out, io } = capture(stop.signal);
    const exit = playgroundCommand(["--port", "0"], io);
    await waitFor(() => out.stdout.includes("Playground on"));
    const url = /Playground on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out.stdout)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/api/example`)).status).toBe(200);
    stop.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/api/example`)).rejects.toThrow();
  });

  it("is listed in the top-level help and has its own", async () => {
    const top = capture();
    await main(["--help"], top.io);
    expect(top.out.stdout).toMatch(/playground\s+serve a page on 127\.0\.0\.1/);
    const own = capture();
    expect(await playgroundCommand(["--help"], own.io)).toBe(0);
    expect(own.out.stdout).toContain("Usage: signal-map playground [--port N]");
  });

  it("exits 2 for a bad port, an unknown option or an argument", async () => {
    for (const argv of [["--port", "http"], ["--port", "70000"], ["--prot", "1"], ["file.map"]]) {
      const { out, io } = capture();
      expect(await playgroundCommand(argv, io)).toBe(2);
      expect(out.stderr).toMatch(/^signal-map playground: /);
    }
  });
});
