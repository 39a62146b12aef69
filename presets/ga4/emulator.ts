// GA4 Measurement Protocol emulator module (from FACTS.md): /mp/collect answers 2xx with an empty body whatever the
// payload; /debug/mp/collect answers `{validationMessages: [...]}`. measurement_id and api_secret ride in the query.

import { accountOf, queryValue } from "../../emulator/credentials.js";
import type { EmulatorModule } from "../../emulator/module.js";
import { jsonReply } from "../../emulator/replies.js";

const ga4Emulator: EmulatorModule = {
  title: "GA4 Measurement Protocol",
  routes: [
    { name: "collect", method: "POST", path: "/mp/collect", schema: "collect.request.schema.json" },
    { name: "debug", method: "POST", path: "/debug/mp/collect", schema: "collect.request.schema.json" },
  ],
  demoCredential: "test-ga4-api-secret",
  secretQueryParams: ["api_secret"],
  // FACTS: a wrong api_secret is not reported by the real endpoint; the emulator says 403 so a test can see it.
  authenticate: (exchange, credentials) => {
    const account = accountOf(queryValue(exchange, "api_secret"), credentials);
    if (account && queryValue(exchange, "measurement_id")) return { ok: true, account };
    return { ok: false, reply: jsonReply(403, null) };
  },
  // FACTS: /mp/collect never reports a malformed payload (2xx, nothing stored); the debug endpoint describes it.
  invalid: (route, problems) =>
    route.name === "debug"
      ? jsonReply(200, {
          validationMessages: problems.map((description) => ({
            fieldPath: "",
            description,
            validationCode: "VALUE_INVALID",
          })),
        })
      : jsonReply(204, null),
  accept: (route) => (route.name === "debug" ? jsonReply(200, { validationMessages: [] }) : jsonReply(204, null)),
  errorBody: () => null,
};

export default ga4Emulator;
