// Every golden fixture of the Mixpanel Import preset as its own test, through the real loader.

import { fixtureSuite } from "../support/fixture-suite.js";

await fixtureSuite({ title: "Mixpanel Import", integration: "mixpanel", file: "import.map", atLeast: 25 });
