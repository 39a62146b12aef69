// Binds a loaded preset to the fixture runner: validate the case's settings, transform, redact as printed.

import type { Preset } from "../../runtime/preset.js";
import { redactOutcome, secretValues } from "../../runtime/redact.js";
import type { FixtureTarget } from "./fixtures.js";

/**
 * The outcome a user would see for the case. Fixture settings are validated without the environment, so a case
 * means the same on every machine; settings the preset rejects give an `invalid_settings` error outcome, which lets
 * a fixture pin down settings validation too.
 */
export function fixtureTarget(preset: Preset): FixtureTarget {
  return {
    usesClock: preset.meta.usesClock === true,
    printedOutcome(event, settings, options) {
      const checked = preset.validateSettings(settings);
      if (!checked.ok) {
        return {
          messageId: messageIdOf(event),
          outcome: "error",
          code: "invalid_settings",
          message: checked.problems.join("; "),
        };
      }
      const secrets = secretValues(preset.meta, checked.settings);
      return redactOutcome(preset.transform(event, checked.settings, options), preset.meta, secrets);
    },
  };
}

function messageIdOf(event: unknown): string | null {
  if (typeof event !== "object" || event === null || !Object.prototype.hasOwnProperty.call(event, "messageId"))
    return null;
  const id = (event as Record<string, unknown>).messageId;
  return typeof id === "string" ? id : null;
}
