// Mixpanel /import emulator module (from FACTS.md): HTTP Basic (service account or project secret), strict mode
// answers `{code: 200, num_records_imported, status: "OK"}` or 400 with failed_records.

import { accountOf, basicCredentials } from "../../emulator/credentials.js";
import type { EmulatorModule } from "../../emulator/module.js";
import { jsonReply } from "../../emulator/replies.js";

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

function mixpanelError(code: number, error: string, extra: object = {}) {
  return jsonReply(code, { code, error, ...extra, status: STATUS_TEXT[code] ?? `HTTP ${code}` });
}

const mixpanelEmulator: EmulatorModule = {
  title: "Mixpanel",
  // FACTS: the 413 example names 2,097,152 bytes; the docs now say 10 MB. The stricter one shows splitting.
  maxBodyBytes: 2_097_152,
  routes: [{ name: "import", method: "POST", path: "/import", schema: "import.request.schema.json" }],
  // The Basic user name; a service account's "user:secret" is accepted as well.
  demoCredential: "test-mixpanel-secret",
  authenticate: (exchange, credentials) => {
    const basic = basicCredentials(exchange);
    const account =
      accountOf(basic?.user, credentials) ??
      accountOf(basic ? `${basic.user}:${basic.password}` : undefined, credentials);
    if (account) return { ok: true, account };
    return { ok: false, reply: mixpanelError(401, "Invalid credentials") };
  },
  // Strict mode reports the records that failed; the emulator's schema check cannot tell which, so it names all.
  invalid: (_route, problems, body) => {
    const records = Array.isArray(body) ? body : [];
    return mixpanelError(400, "some data points in the request failed validation", {
      failed_records: records.map((record, index) => ({
        index,
        $insert_id: (record as { properties?: { $insert_id?: unknown } })?.properties?.$insert_id ?? null,
        field: "",
        message: problems.join("; "),
      })),
      num_records_imported: 0,
    });
  },
  accept: (_route, body) =>
    jsonReply(200, { code: 200, num_records_imported: Array.isArray(body) ? body.length : 0, status: "OK" }),
  rateLimited: () =>
    mixpanelError(429, "Project exceeded rate limits. Please retry the request with exponential backoff."),
  errorBody: (status) => ({
    code: status,
    error: STATUS_TEXT[status] ?? `HTTP ${status}`,
    status: STATUS_TEXT[status] ?? "Error",
  }),
};

export default mixpanelEmulator;
