// explain on `require … when` and a setting's default: it says when a requirement did not apply, and stops where
// the compiled transform stops.

import { describe, expect, it } from "vitest";
import { explainEvent } from "../../index.js";

const SOURCE = `integration demo "Demo"
  setting residency: string one of "US", "EU" default "US"

preset p "P"
  on identify, track
  send POST "https://api.example.com/x"
  require traits.email else "traits.email is required for identify calls" when event.type == "identify"
  email     <- traits.email
  residency <- settings.residency
`;

describe("explainEvent with require … when", () => {
  it("says the requirement did not apply when its condition is false, and uses the setting's default", async () => {
    const report = await explainEvent(SOURCE, { type: "track", event: "A", messageId: "m1" }, {});
    expect(report.outcome.outcome).toBe("send");
    expect(report.skipped[0]).toMatchObject({
      line: 7,
      reason: 'require not applied: when event.type == "identify" is false',
    });
    expect(report.fields.find((f) => f.path === "residency")?.value).toBe("US");
  });

  it("stops at a requirement that applies and fails, as the transform does", async () => {
    const report = await explainEvent(SOURCE, { type: "identify", messageId: "m2", traits: {} }, {});
    expect(report.outcome).toMatchObject({ outcome: "error", code: "missing_required" });
    expect(report.skipped[0]!.reason).toBe("require failed: traits.email is required for identify calls");
    expect(report.fields).toEqual([]);
  });
});
