// Authentication and scope: the 401 and 403 bodies, and that a key never shows up in the request log.

import { describe, expect, it } from "vitest";
import { MISSING_TOKEN_MESSAGE, NO_PEOPLE_SCOPE_API_KEY } from "../../../presets/salesloft/emulator/index.js";
import { SEED_BODY, call, emulatorFor, upsert } from "./helpers.js";

describe("authentication", () => {
  it("answers 401 with Salesloft's own message when no bearer token is sent", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, SEED_BODY, { token: null });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: "No Bearer Token attached to request, please see documentation at developers.salesloft.com",
    });
    expect(response.body.error).toBe(MISSING_TOKEN_MESSAGE);
    expect(emulator.people()).toEqual([]);
  });

  it("answers 401 Invalid Bearer Token for a key it does not know", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, SEED_BODY, { token: "not-a-key" });
    expect(response).toMatchObject({ status: 401, body: { error: "Invalid Bearer Token" } });
  });

  it("has a second demo key without the People scope, so a 403 needs no options", async () => {
    const emulator = await emulatorFor();
    const response = await upsert(emulator, SEED_BODY, { token: NO_PEOPLE_SCOPE_API_KEY });
    expect(response.status).toBe(403);
    expect(emulator.people()).toEqual([]);
  });

  it("answers 403 with an error naming the scope for a key without the people scope", async () => {
    const emulator = await emulatorFor({ apiKeys: { "calls-only": { team: "t", scopes: ["calls"] } } });
    const response = await upsert(emulator, SEED_BODY, { token: "calls-only" });
    expect(response.status).toBe(403);
    expect(response.body.error).toContain("people");
    expect((await call(emulator, "GET", "/v2/people", { token: "calls-only" })).status).toBe(403);
    expect(emulator.people()).toEqual([]);
  });

  it("records every request with its status and team but never the key itself", async () => {
    const emulator = await emulatorFor({ apiKeys: { "secret-value-123": { team: "acme", scopes: ["people"] } } });
    await upsert(emulator, SEED_BODY, { token: "secret-value-123" });
    await upsert(emulator, SEED_BODY, { token: "wrong-secret-456" });
    const [accepted, refused] = emulator.requests();
    expect(accepted).toMatchObject({ method: "POST", path: "/v2/person_upserts", status: 200, team: "acme" });
    expect(accepted.body).toEqual(SEED_BODY);
    expect(accepted.headers.authorization).toBe("Bearer [redacted]");
    expect(refused).toMatchObject({ status: 401, team: undefined });
    expect(JSON.stringify(emulator.requests())).not.toMatch(/secret-value-123|wrong-secret-456/);
  });

  it("lets a key be added at run time", async () => {
    const emulator = await emulatorFor();
    expect((await upsert(emulator, SEED_BODY, { token: "new-key" })).status).toBe(401);
    emulator.set({ apiKeys: { "new-key": { team: "team-2", scopes: ["people"] } } });
    expect((await upsert(emulator, SEED_BODY, { token: "new-key" })).status).toBe(200);
  });
});
