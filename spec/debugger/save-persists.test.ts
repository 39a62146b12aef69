// What the Integrations page saves is what a restart reads: a base URL taken away is taken out of the config file too.

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readServeConfig } from "../../serve/config.js";
import { adminAuth } from "./harness.js";
import { startLiveServe, type LiveServe } from "./live-serve.js";

const PRESET = "presets/salesloft/lead-capture.map";
let live: LiveServe | undefined;

afterEach(async () => {
  await live?.close();
  live = undefined;
});

describe("saving an integration", () => {
  it("removes the base URL from the config file when the page clears it", async () => {
    live = await startLiveServe({
      config: (emulatorUrl) => ({
        integrations: [
          {
            name: "salesloft",
            preset: join(process.cwd(), PRESET),
            settings: { api_key: { env: "SL_KEY" } },
            baseUrl: emulatorUrl,
          },
        ],
      }),
      env: { SL_KEY: "sl_Old_Key_for_the_emulator_1" },
    });
    // Clearing the base URL sends to the destination's own API from now on, so the key is typed again for it.
    const res = await fetch(`${live.url}/api/integrations`, {
      method: "POST",
      headers: { Authorization: adminAuth, "Content-Type": "application/json" },
      body: JSON.stringify({
        name: "salesloft",
        preset: PRESET,
        settings: { api_key: "sl_Production_Key_2" },
        baseUrl: "",
      }),
    });
    expect(await res.json()).toEqual({ ok: true });
    const running = (await live.api("/api/integrations")).json as { integrations: { baseUrl?: string }[] };
    expect(running.integrations[0].baseUrl).toBeUndefined();
    // A restart must not send the production key to the host the page just took away.
    const reread = readServeConfig(live.configPath);
    expect(reread.ok && reread.config.integrations[0].baseUrl).toBeUndefined();
  });
});
