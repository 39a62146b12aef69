// The standard library: every function's spec in one list, a lookup by name, and each implementation by its .map name.

import { CONVERT_FUNCTIONS, to_bool, to_number, to_string } from "./convert.js";
import { ENCODING_FUNCTIONS, base64, base64url, basic_auth, url_encode } from "./encoding.js";
import { HASH_FUNCTIONS, hmac_sha256, sha256 } from "./hash.js";
import { IDENTITY_FUNCTIONS, digits, hash_email, hash_phone, normalize_name } from "./identity.js";
import { LIST_FUNCTIONS, join, split } from "./lists.js";
import { OBJECT_FUNCTIONS, entries, from_entries, merge, take, type_of } from "./objects.js";
import { NUMBER_FUNCTIONS, abs, ceil, floor, max, min, round } from "./numbers.js";
import { PHONE_FUNCTIONS, e164, region, region_code } from "./phone.js";
import { PRESENCE_FUNCTIONS, coalesce, is_present } from "./presence.js";
import type { FunctionSpec } from "./spec.js";
import { TIME_FUNCTIONS, format_time, unix_micros, unix_millis, unix_seconds } from "./time.js";
import { TEXT_FUNCTIONS, concat, lower, replace, snake_case, trim, truncate, upper } from "./text.js";
import { URL_FUNCTIONS, url_param } from "./url.js";
import { TEXT_TEST_FUNCTIONS, contains, ends_with, is_currency_code, starts_with } from "./text-tests.js";

// Implementations are exported under their .map names (to_string, not toString) so the code generator emits a call
// by copying the name.
export {
  coalesce,
  concat,
  e164,
  is_present,
  join,
  lower,
  region,
  region_code,
  replace,
  sha256,
  split,
  to_bool,
  to_number,
};
export { to_string, trim, truncate, upper, url_param };
export { format_time, unix_micros, unix_millis, unix_seconds };
export { abs, ceil, floor, max, min, round };
export { digits, hash_email, hash_phone, hmac_sha256, normalize_name };
export { base64, base64url, basic_auth, url_encode };
export { snake_case };
export { contains, ends_with, is_currency_code, starts_with };
export { entries, from_entries, merge, take, type_of };
export type { FunctionSpec } from "./spec.js";

export const STDLIB: readonly FunctionSpec[] = Object.freeze([
  ...TEXT_FUNCTIONS,
  ...TEXT_TEST_FUNCTIONS,
  ...LIST_FUNCTIONS,
  ...OBJECT_FUNCTIONS,
  ...PRESENCE_FUNCTIONS,
  ...CONVERT_FUNCTIONS,
  ...NUMBER_FUNCTIONS,
  ...PHONE_FUNCTIONS,
  ...URL_FUNCTIONS,
  ...HASH_FUNCTIONS,
  ...IDENTITY_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...TIME_FUNCTIONS,
]);

export const STDLIB_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(STDLIB.map((spec) => [spec.name, spec]));

/** Every implementation keyed by name, typed one by one, for `runtime.fn` in generated code. */
export const STDLIB_FUNCTIONS = Object.freeze({
  lower,
  upper,
  trim,
  truncate,
  replace,
  concat,
  join,
  split,
  coalesce,
  is_present,
  to_string,
  to_number,
  to_bool,
  e164,
  region,
  region_code,
  url_param,
  sha256,
  unix_seconds,
  unix_millis,
  unix_micros,
  format_time,
  round,
  floor,
  ceil,
  abs,
  min,
  max,
  hmac_sha256,
  hash_email,
  hash_phone,
  digits,
  normalize_name,
  base64,
  base64url,
  url_encode,
  basic_auth,
  snake_case,
  starts_with,
  ends_with,
  contains,
  is_currency_code,
  merge,
  entries,
  from_entries,
  take,
  type_of,
});
