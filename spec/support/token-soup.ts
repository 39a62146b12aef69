// Pieces of .map text for property tests that throw random but plausible text at the front end and the checker.

/** Keywords, names the checker knows, literals (good and broken), operators, comments and odd characters. */
export const MAP_TOKENS: readonly string[] = [
  ...["integration", "setting", "preset", "on", "send", "header", "body", "matches", "let", "require", "else"],
  ...["when", "warn", "and", "or", "not", "true", "false", "null", "omit", "required", "secret", "string", "region"],
  ...["POST", "GET", "event", "traits", "properties", "context", "settings", "email", "api_key", "x"],
  ...["lower", "trim", "e164", "coalesce", "to_number", "custom_fields", "first_name", "campaign"],
  ...["__proto__", "constructor"],
  ...['"Lead Generated"', '"https://api.example.com/v1"', '"s.json"', '""', '"a\\"b"', '"A"', '"a\\u00e9"'],
  ...['"bad\\q"', '"open', "0", "-1", "1.5", "1.5e3"],
  ...["<-", "??", "==", "!=", "=", "+", ",", ".", ":", "(", ")", "[", "]"],
  ...["# comment", "#c", "\n", "\n  ", "\n    ", "@", "'", "!", "?", "<", "-", "\\", "\t"],
  // language v2 expressions
  ...["for", "in", "if", "then", "match", "{", "}", "=>", "*", "/", "<=", ">", ">=", '"$insert_id"', "p", "p.sku"],
];
