// Which events a compiled preset handles: `on *`, call types as bare words, event names, and the three mixed.

import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";

async function presetOn(on: string) {
  const source = `integration demo "Demo"

preset p
  on ${on}
  send POST "https://api.example.test/v1/events"
  type <- event.type
`;
  return loadPresetSource(source, "routing.map");
}

const EVENTS = {
  lead: { type: "track", event: "Lead Generated", messageId: "m" },
  other: { type: "track", event: "Other", messageId: "m" },
  identify: { type: "identify", messageId: "m", traits: { email: "a@b.co" } },
  page: { type: "page", messageId: "m" },
  screen: { type: "screen", messageId: "m" },
  group: { type: "group", messageId: "m" },
  alias: { type: "alias", messageId: "m" },
};

async function handled(on: string): Promise<string[]> {
  const preset = await presetOn(on);
  return Object.entries(EVENTS)
    .filter(([, event]) => preset.transform(event, {}).outcome === "send")
    .map(([name]) => name);
}

describe("routing by on", () => {
  it("handles every event for on *", async () => {
    expect(await handled("*")).toEqual(Object.keys(EVENTS));
  });

  it("handles every call of a listed type, whatever its name", async () => {
    expect(await handled("track")).toEqual(["lead", "other"]);
    expect(await handled("page, screen")).toEqual(["page", "screen"]);
    expect(await handled("group, alias")).toEqual(["group", "alias"]);
  });

  it("mixes names and call types; Identified still names identify calls", async () => {
    expect(await handled(`"Lead Generated", page`)).toEqual(["lead", "page"]);
    expect(await handled(`"Identified"`)).toEqual(["identify"]);
    expect(await handled(`identify`)).toEqual(["identify"]);
  });

  it("records calls and allEvents in the module", async () => {
    const preset = await presetOn(`"Lead Generated", identify, page`);
    expect(preset.meta).toMatchObject({ events: ["Lead Generated"], calls: ["identify", "page"], allEvents: false });
    expect((await presetOn("*")).meta).toMatchObject({ events: [], calls: [], allEvents: true });
  });

  it("drops what it does not handle, saying why", async () => {
    const preset = await presetOn("page");
    expect(preset.transform(EVENTS.screen, {})).toEqual({
      messageId: "m",
      outcome: "drop",
      reason: "screen calls are not handled by demo/p",
    });
  });
});
