// ajv for a request schema, compiled in the tests rather than borrowed from the runtime under test: the dialect its
// `$schema` names (draft-07 unless 2019-09 or 2020-12), all errors, no strict mode.

import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { addFormats } from "../../runtime/formats.js";

/** `formats`: enforce the formats the runtime enforces (email, date-time, …); otherwise they are annotations. */
export function ajvForSchema(schema: object, { formats = false }: { formats?: boolean } = {}): ValidateFunction {
  const dialect = String((schema as { $schema?: unknown }).$schema ?? "");
  const options = { allErrors: true, strict: false, logger: false as const };
  const ajv = dialect.includes("2020-12")
    ? new Ajv2020(options)
    : dialect.includes("2019-09")
      ? new Ajv2019(options)
      : new Ajv(options);
  if (formats) addFormats(ajv);
  return ajv.compile(schema);
}
