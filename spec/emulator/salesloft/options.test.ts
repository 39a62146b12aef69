// Switches that cannot mean anything are refused up front, naming the switch.

import { describe, expect, it } from "vitest";
import { EmulatorOptionError, startEmulator } from "../../../presets/salesloft/emulator/index.js";
import { emulatorFor } from "./helpers.js";

describe("emulator options", () => {
  it("refuses to listen anywhere but 127.0.0.1", async () => {
    await expect(startEmulator({ host: "0.0.0.0" })).rejects.toThrow(/host must be 127\.0\.0\.1/);
  });

  it("refuses out-of-range shares and statuses, naming the option", async () => {
    await expect(startEmulator({ failureRate: 1.5 })).rejects.toThrow(/failureRate/);
    await expect(startEmulator({ dropRate: -0.1 })).rejects.toThrow(/dropRate/);
    await expect(startEmulator({ unknownCustomFieldStatus: 404 as 422 })).rejects.toBeInstanceOf(EmulatorOptionError);
  });

  it("keeps its port and host fixed while running, and keeps its old switches after a refused change", async () => {
    const emulator = await emulatorFor({ rateLimitPerMinute: 5 });
    expect(() => emulator.set({ port: 1 })).toThrow(/port cannot change/);
    expect(() => emulator.set({ rateLimitPerMinute: 10, latencyMs: -1 })).toThrow(/latencyMs/);
    const response = await fetch(`${emulator.url}/v2/people`, { headers: { authorization: "Bearer test-key" } });
    expect(response.headers.get("x-ratelimit-limit-minute")).toBe("5");
  });

  it("never echoes an API key in an option error", async () => {
    const bad = { "super-secret-key": { team: 7 } } as unknown as Record<string, { team: string; scopes: string[] }>;
    await expect(startEmulator({ apiKeys: bad })).rejects.toThrow(/apiKeys/);
    await expect(startEmulator({ apiKeys: bad })).rejects.not.toThrow(/super-secret-key/);
  });
});
