// Every golden fixture of the Meta Conversions API preset as its own test, through the real loader.

import { fixtureSuite } from "../support/fixture-suite.js";

await fixtureSuite({
  title: "Meta Conversions API",
  integration: "meta",
  file: "conversions.map",
  atLeast: 25,
  mustHave: "meta-published-hash-examples.json",
});
