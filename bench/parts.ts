// Every part of `npm run bench`, in the order they run and are numbered in bench/RESULTS.md.

import { deliveryPart, memoryPart } from "./core-parts-delivery.js";
import { compilePart, metaThroughputPart, throughputPart } from "./core-parts-transform.js";
import { listed, type BenchPart } from "./part.js";
import { runIoPart } from "./run-io.js";
import { ingestPart } from "./ingest-part.js";
import { scalePart } from "./scale-part.js";
import { coldStartPart } from "./cold-start.js";
import { checkScalePart } from "./check-scale-part.js";

export const PARTS: readonly BenchPart<unknown>[] = [
  listed(throughputPart),
  listed(metaThroughputPart),
  listed(compilePart),
  listed(checkScalePart),
  listed(deliveryPart),
  listed(memoryPart),
  listed(runIoPart),
  listed(coldStartPart),
  listed(ingestPart),
  listed(scalePart),
];
