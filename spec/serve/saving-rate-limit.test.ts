// Saving an integration from the Integrations page keeps what the page has no field for: a `rateLimitPerMinute` set
// in the config file still applies to the running integration, and stays in the file.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readServeConfig, type IntegrationConfig } from "../../serve/config.js";
import { createSaver } from "../../serve/saving.js";
import type { IntegrationTarget } from "../../serve/targets.js";
import type { Store } from "../../store/store.js";

const PRESET = resolve(import.meta.dirname, "../../presets/salesloft/lead-capture.map");

describe("saving an integration", () => {
  it("keeps the rate limit the config file sets, in the running pipeline and on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "saving-rate-"));
    const configPath = join(dir, "signal-map.config.json");
    const integration = {
      name: "salesloft",
      preset: PRESET,
      settings: { api_key: { env: "SL_KEY" }, default_phone_region: "GB" },
      rateLimitPerMinute: 120,
    };
    writeFileSync(
      configPath,
      JSON.stringify({ sources: [{ name: "web", writeKey: "wk" }], integrations: [integration] }),
    );
    const read = readServeConfig(configPath);
    if (!read.ok) throw new Error(read.problems.join("; "));
    const built: IntegrationConfig[] = [];
    const saver = createSaver({
      targets: new Map(),
      options: { config: read.config, configPath, env: { SL_KEY: "sl_key_1" }, log: () => {} },
      store: {} as Store,
      health: new Map(),
      presetRefs: new Map(),
      build: async (entry) => (built.push(entry), { paused: false } as unknown as IntegrationTarget),
    });
    const result = await saver.apply({
      name: "salesloft",
      preset: PRESET,
      settings: { default_phone_region: "US" },
    });
    expect(result).toEqual({ ok: true });
    expect(built.at(-1)?.rateLimitPerMinute).toBe(120);
    const onDisk = JSON.parse(readFileSync(configPath, "utf8")) as { integrations: Record<string, unknown>[] };
    expect(onDisk.integrations[0]).toMatchObject({ rateLimitPerMinute: 120, settings: { default_phone_region: "US" } });
  });
});
