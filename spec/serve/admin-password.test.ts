// An admin password the config names but the process cannot find stops serve at start, instead of a missing debugger.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseServeConfig } from "../../serve/config.js";
import { PipelineConfigError, startPipeline } from "../../serve/pipeline.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-admin-"));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function problemsOf(password: unknown, env: Record<string, string>): Promise<readonly string[]> {
  const parsed = parseServeConfig(
    {
      listen: { host: "127.0.0.1", port: 0 },
      store: "sqlite:store.db",
      sources: [{ name: "web", writeKey: "wk" }],
      admin: { password },
    },
    dir,
  );
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  try {
    const pipeline = await startPipeline({
      config: parsed.config,
      env,
      secrets: () => undefined,
      log: () => undefined,
    });
    await pipeline.close(1_000);
    return [];
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems;
    throw error;
  }
}

describe("the admin password at start", () => {
  it("names the environment variable that is not set", async () => {
    expect(await problemsOf({ env: "SIGNAL_ADMIN_PASSWORD" }, {})).toEqual([
      "admin.password: the environment variable SIGNAL_ADMIN_PASSWORD is not set",
    ]);
  });

  it("names the secret missing from the secrets file", async () => {
    expect(await problemsOf({ secret: "admin/password" }, {})).toEqual([
      'admin.password: no secret "admin/password" in the secrets file (signal-map secrets set admin password)',
    ]);
  });

  it("starts when the password is there", async () => {
    expect(await problemsOf({ env: "SIGNAL_ADMIN_PASSWORD" }, { SIGNAL_ADMIN_PASSWORD: "pw-for-test" })).toEqual([]);
  });
});
