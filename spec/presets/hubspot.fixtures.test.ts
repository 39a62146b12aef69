// Every golden fixture of the HubSpot Contacts upsert preset as its own test, through the real loader.

import { fixtureSuite } from "../support/fixture-suite.js";

await fixtureSuite({ title: "HubSpot Contacts upsert", integration: "hubspot", file: "contacts.map", atLeast: 25 });
