// serve refuses to start an integration whose setting is outside its `one of` list, naming the setting and its values
// and never the secret beside it.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseServeConfig } from "../../serve/config.js";
import { startPipeline, PipelineConfigError } from "../../serve/pipeline.js";

const PRESET = join(resolve(import.meta.dirname, "../.."), "presets/mixpanel/import.map");
const SECRET = "mp-secret-never-printed";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-serve-values-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("serve with a setting limited to values", () => {
  it("refuses to start with a value outside the list", async () => {
    const settings = {
      project_id: "1",
      service_account_username: "sa",
      service_account_secret: { env: "MP_SECRET" },
      data_residency: "eu-west",
    };
    const raw = { sources: [{ name: "web", writeKey: "k" }], integrations: [{ name: "mp", preset: PRESET, settings }] };
    const parsed = parseServeConfig(raw, dir);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const config = { ...parsed.config, store: `sqlite:${join(dir, "x.db")}` };
    const error = await startPipeline({ config, env: { MP_SECRET: SECRET }, log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PipelineConfigError);
    const problems = (error as PipelineConfigError).problems.join("\n");
    expect(problems).toContain('setting "data_residency" must be one of "US", "EU", "IN", got "eu-west"');
    expect(problems).not.toContain(SECRET);
  });
});
