// Compiles a preset's request-body JSON Schema once, with the ajv dialect its `$schema` names.

import { Ajv, type Options } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { addFormats } from "./formats.js";
import { describeSchemaErrors } from "./schema-problems.js";

/** Problems with a request body, each naming the field; empty when the body matches. */
export type BodyCheck = (body: unknown) => readonly string[];

// A fresh ajv per schema: a shared one would refuse the same `$id` when a preset is loaded twice. strict: false and
// no logger because the schema is an API's documented shape, often with annotations and formats ajv does not know.
const OPTIONS: Options = { allErrors: true, strict: false, logger: false };

const VALID: readonly string[] = Object.freeze([]);

/** Throws only when the schema itself is broken, which createPreset reports when the preset is loaded. */
export function compileBodyCheck(schema: object): BodyCheck {
  const validate = ajvFor(schema).compile(schema);
  return (body) => (validate(body) ? VALID : describeSchemaErrors(validate.errors ?? [], body, "body"));
}

// `date-time`, `uri` and `email` are enforced (runtime/formats.ts, the same tests the checker applies to literals);
// other formats stay annotations.
function ajvFor(schema: object) {
  const ajv = dialectAjv(schema);
  addFormats(ajv);
  return ajv;
}

function dialectAjv(schema: object) {
  const dialect = String((schema as { $schema?: unknown }).$schema ?? "");
  if (dialect.includes("2020-12")) return new Ajv2020(OPTIONS);
  if (dialect.includes("2019-09")) return new Ajv2019(OPTIONS);
  return new Ajv(OPTIONS);
}
