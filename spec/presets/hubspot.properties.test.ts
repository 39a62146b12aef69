// Property tests of the HubSpot Contacts upsert preset: the generic suite, plus HubSpot's own rules (FACTS.md).

import fc from "fast-check";
import { leadEvents } from "../support/lead-events.js";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../runtime/outcome.js";
import { presetLoader, presetProperties, propertyParameters } from "../support/preset-properties.js";

const PRESET = join(import.meta.dirname, "..", "..", "presets", "hubspot", "contacts.map");
const SETTINGS = { access_token: "test-token-not-secret", default_phone_region: "GB" };
const HANDLED = ["Lead Generated", "Signed Up", "Identified"];
const MAX_INPUTS = 100;

presetProperties(PRESET, { settings: SETTINGS });

type Fields = Record<string, unknown>;
interface Input {
  idProperty: unknown;
  id: unknown;
  objectWriteTraceId?: unknown;
  properties: Fields;
}

const events = leadEvents(HANDLED);

const load = presetLoader(PRESET, SETTINGS);
async function forAllOutcomes(property: (event: unknown, outcome: Outcome) => void): Promise<void> {
  const { preset, settings } = await load();
  fc.assert(
    fc.property(events, (event) => property(event, preset.transform(event, settings))),
    propertyParameters(),
  );
}
/** The name the preset routes on: "Identified" for identify calls, a track call's own name otherwise. */
function routedName(event: unknown): unknown {
  const fields = typeof event === "object" && event !== null ? (event as Fields) : {};
  const type = typeof fields.type === "string" ? fields.type.trim().toLowerCase() : "";
  return type === "identify" ? "Identified" : fields.event;
}
function inputsOf(outcome: Outcome): Input[] | undefined {
  return outcome.outcome === "send" ? ((outcome.request.body as Fields).inputs as Input[]) : undefined;
}

describe("HubSpot Contacts upsert properties", () => {
  it("sends every contact property value as text, never empty", () =>
    forAllOutcomes((_event, outcome) => {
      for (const input of inputsOf(outcome) ?? []) {
        for (const value of Object.values(input.properties)) {
          expect(typeof value).toBe("string");
          expect(value).not.toBe("");
        }
      }
    }));

  it("sends one input per event, matched on the trimmed lower-cased email", () =>
    forAllOutcomes((_event, outcome) => {
      const inputs = inputsOf(outcome);
      if (inputs === undefined) return;
      expect(inputs).toHaveLength(1);
      const [input] = inputs;
      expect(input.idProperty).toBe("email");
      expect(input.id).toBe(input.properties.email);
      expect(input.id).toBe((input.id as string).trim().toLowerCase());
    }));

  it("declares a batch of at most 100 inputs, so no request delivery builds exceeds HubSpot's limit", async () => {
    const { preset } = await load();
    const sends = (preset.meta as { sends?: readonly { batch?: { path: readonly string[]; maxItems: number } }[] })
      .sends;
    expect(sends?.map((send) => send.batch)).toEqual([{ path: ["inputs"], maxItems: MAX_INPUTS }]);
    expect(
      (preset.meta.requestSchema as { properties: { inputs: { maxItems: number } } }).properties.inputs.maxItems,
    ).toBe(MAX_INPUTS);
  });

  it("sets lifecyclestage and hs_lead_status only for leads and signups", () =>
    forAllOutcomes((event, outcome) => {
      const inputs = inputsOf(outcome);
      if (inputs === undefined) return;
      const { lifecyclestage, hs_lead_status } = inputs[0].properties;
      // A track call may itself be named "Identified": it is the name that counts, as the preset routes on it.
      if (routedName(event) === "Identified") expect([lifecyclestage, hs_lead_status]).toEqual([undefined, undefined]);
      else expect([lifecyclestage, hs_lead_status]).toEqual(["lead", "NEW"]);
    }));

  it("posts to the batch upsert endpoint with the token as a Bearer token", () =>
    forAllOutcomes((_event, outcome) => {
      if (outcome.outcome !== "send") return;
      expect(outcome.request.method).toBe("POST");
      expect(outcome.request.url).toBe("https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert");
      expect(outcome.request.headers.Authorization).toBe(`Bearer ${SETTINGS.access_token}`);
    }));
});
