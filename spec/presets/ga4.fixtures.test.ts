// Every golden fixture of the GA4 Measurement Protocol preset as its own test, through the real loader.

import { fixtureSuite } from "../support/fixture-suite.js";

await fixtureSuite({
  title: "GA4 Measurement Protocol",
  integration: "ga4",
  file: "events.map",
  atLeast: 25,
  mustHave: "analytics-consent-denied-dropped.json",
});
