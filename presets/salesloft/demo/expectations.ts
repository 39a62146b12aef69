// What the Salesloft emulator must hold once the pipeline delivered every sample event; the demo exits 0 only then.

import type { Person } from "../emulator/index.js";

interface Check {
  readonly what: string;
  readonly holds: (people: readonly Person[]) => boolean;
}

const byEmail = (people: readonly Person[], email: string) => people.filter((p) => p.email_address === email);

const CHECKS: readonly Check[] = [
  {
    // Jane, Sam Lee, and the two leads of Meta's samples that carry an email (alex@, sam@example.org).
    what: "the emulator holds exactly four People",
    holds: (people) => people.length === 4,
  },
  {
    what: "every event of Jane updated one Person: no duplicate",
    holds: (people) => byEmail(people, "jane.doe@example.com").length === 1,
  },
  {
    // The resubmission is the last of Jane's events: per-person order means its title is the one that stays.
    what: "Jane's Person has the resubmission's title and the seed's phone, consent and campaign",
    holds: (people) => {
      const jane = byEmail(people, "jane.doe@example.com")[0];
      return (
        jane?.title === "VP Marketing" &&
        jane.phone === "+447700900123" &&
        jane.do_not_contact === false &&
        jane.custom_fields["utm_campaign"] === "brand"
      );
    },
  },
  {
    what: "Sam Lee's Person landed without signal_landing_page, a field the demo tenant lacks",
    holds: (people) => {
      const sam = byEmail(people, "sam.lee@example.org")[0];
      return sam !== undefined && !("signal_landing_page" in sam.custom_fields);
    },
  },
];

/** The checks that failed, as sentences; empty when the emulator holds what it should. */
export function unmetExpectations(people: readonly Person[]): string[] {
  return CHECKS.filter((check) => !check.holds(people)).map((check) => check.what);
}
