// A store serve cannot open is a config problem naming "store" and the reason, not libsql's "ConnectionFailed(…: 14)".

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseServeConfig } from "../../serve/config.js";
import { PipelineConfigError, startPipeline } from "../../serve/pipeline.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-store-open-"));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function problemsOf(url: string): Promise<readonly string[]> {
  const parsed = parseServeConfig(
    { listen: { host: "127.0.0.1", port: 0 }, store: url, sources: [{ name: "web", writeKey: "wk" }] },
    dir,
  );
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  try {
    await (await startPipeline({ config: parsed.config, env: {}, log: () => undefined })).close(1_000);
    return [];
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems;
    throw error;
  }
}

describe("opening the configured store", () => {
  it("names the folder that does not exist", async () => {
    const url = `sqlite:${join(dir, "missing", "x.db")}`;
    expect(await problemsOf(url)).toEqual([
      `"store" (${url}): the folder ${join(dir, "missing")} does not exist: create it, owned by the service's user`,
    ]);
  });

  it("says when the path is a folder", async () => {
    mkdirSync(join(dir, "db"));
    const url = `sqlite:${join(dir, "db")}`;
    expect(await problemsOf(url)).toEqual([`"store" (${url}): ${join(dir, "db")} is a folder, not a database file`]);
  });

  it("says when the file is not a SQLite database", async () => {
    writeFileSync(join(dir, "notes.txt"), "not a database, just text that is long enough to be read as a header");
    const url = `sqlite:${join(dir, "notes.txt")}`;
    expect(await problemsOf(url)).toEqual([`"store" (${url}): cannot open it: file is not a database`]);
  });

  it("opens a store in a folder that exists", async () => {
    expect(await problemsOf(`sqlite:${join(dir, "x.db")}`)).toEqual([]);
  });
});
