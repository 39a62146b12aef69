// What the demo's sample events must produce; the demo exits 0 only when every check holds.

import type { DeliveryResult } from "../../../delivery/results.js";
import type { Person } from "../emulator/index.js";

interface Check {
  readonly what: string;
  readonly holds: (byId: ReadonlyMap<string, DeliveryResult>, people: readonly Person[]) => boolean;
}

const status = (id: string, expected: DeliveryResult["status"]): Check => ({
  what: `${id} is ${expected}`,
  holds: (byId) => byId.get(id)?.status === expected,
});

const CHECKS: readonly Check[] = [
  status("demo-1-lead", "delivered"),
  status("demo-2-resubmission", "delivered"),
  {
    what: "the resubmission updated the same Person",
    holds: (byId) => {
      const first = byId.get("demo-1-lead")?.personId;
      return first !== undefined && byId.get("demo-2-resubmission")?.personId === first;
    },
  },
  status("demo-3-no-email", "failed"),
  {
    what: "demo-3-no-email was refused for its missing traits.email",
    holds: (byId) => /^missing_required: .*traits\.email/.test(byId.get("demo-3-no-email")?.error ?? ""),
  },
  status("demo-4-page-view", "dropped"),
  status("demo-5-landing-page", "delivered"),
  {
    what: "demo-5-landing-page warns that the tenant lacks signal_landing_page",
    holds: (byId) => (byId.get("demo-5-landing-page")?.warnings ?? []).some((w) => w.includes("signal_landing_page")),
  },
  { what: "the emulator holds exactly two People", holds: (_, people) => people.length === 2 },
  {
    what: "Jane's Person has the new title and the seed's phone, consent and campaign",
    holds: (_, people) => {
      const jane = people.find((person) => person.email_address === "jane.doe@example.com");
      return (
        jane?.title === "VP Marketing" &&
        jane.phone === "+447700900123" &&
        jane.do_not_contact === false &&
        jane.custom_fields["utm_campaign"] === "brand"
      );
    },
  },
];

/** The checks that failed, as sentences; empty when the demo went as expected. */
export function unmetExpectations(results: readonly DeliveryResult[], people: readonly Person[]): string[] {
  const byId = new Map(results.filter((r) => r.messageId !== null).map((r) => [r.messageId!, r]));
  return CHECKS.filter((check) => !check.holds(byId, people)).map((check) => check.what);
}
