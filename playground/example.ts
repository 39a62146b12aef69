// The page's starting point: the Salesloft preset, its request schema, and the seed's worked example event.

import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { packageRoot } from "./paths.js";

export interface Example {
  readonly mapName: string;
  readonly source: string;
  readonly schemaName: string;
  readonly schema: string;
  readonly event: string;
  readonly settings: string;
}

/** Read from the shipped preset folder, so the page always starts from what `signal-map test` checks. */
export function salesloftExample(): Example {
  const folder = join(packageRoot(), "presets", "salesloft");
  const mapFile = join(folder, "lead-capture.map");
  const schemaFile = join(folder, "person-upsert.request.schema.json");
  const fixture = JSON.parse(readFileSync(join(folder, "tests", "seed-worked-example.json"), "utf8")) as {
    event: unknown;
    settings: unknown;
  };
  return {
    mapName: basename(mapFile),
    source: readFileSync(mapFile, "utf8"),
    schemaName: basename(schemaFile),
    schema: readFileSync(schemaFile, "utf8"),
    event: JSON.stringify(fixture.event, null, 2),
    settings: JSON.stringify(fixture.settings, null, 2),
  };
}
