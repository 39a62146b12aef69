// Events for upsert presets' properties: biased towards the handled names, with an email and a phone most of the
// time so most runs are sends, mixed 2:1 with any event at all.

import fc from "fast-check";
import { anyEvent, asJson, canonicalEvent, noisyEmail, phoneText, withOwnKey } from "./arbitraries.js";

type Fields = Record<string, unknown>;

/** `names` are routed names; "Identified" becomes an identify call, any other a track call of that name. */
export function leadEvents(names: readonly string[]): fc.Arbitrary<unknown> {
  const leads = fc
    .tuple(canonicalEvent, fc.constantFrom(...names), fc.option(noisyEmail), fc.option(phoneText))
    .map(([event, name, email, phone]) => {
      const copy = asJson(event) as Fields;
      if (name === "Identified") copy.type = "identify";
      else Object.assign(copy, { type: "track", event: name });
      const traits =
        typeof copy.traits === "object" && copy.traits !== null && !Array.isArray(copy.traits)
          ? (copy.traits as Fields)
          : {};
      if (email !== null) withOwnKey(traits, "email", email);
      if (phone !== null) withOwnKey(traits, "phone", phone);
      copy.traits = traits;
      return copy;
    });
  return fc.oneof({ weight: 2, arbitrary: leads }, { weight: 1, arbitrary: anyEvent });
}
