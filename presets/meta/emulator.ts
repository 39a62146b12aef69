// Meta Conversions API emulator module (from FACTS.md): POST /{version}/{pixel_id}/events, access_token in the query,
// `{events_received, messages, fbtrace_id}` on success, Graph API `{error: {...}}` on failure.

import { randomBytes } from "node:crypto";
import { accountOf, queryValue } from "../../emulator/credentials.js";
import type { EmulatorModule } from "../../emulator/module.js";
import { jsonReply } from "../../emulator/replies.js";

const trace = (): string => randomBytes(8).toString("base64url");

function graphError(status: number, message: string, type: string, code: number, subcode?: number) {
  return jsonReply(status, {
    error: { message, type, code, ...(subcode !== undefined ? { error_subcode: subcode } : {}), fbtrace_id: trace() },
  });
}

const metaEmulator: EmulatorModule = {
  title: "Meta Conversions API",
  routes: [
    { name: "events", method: "POST", path: "/{version}/{pixel_id}/events", schema: "events.request.schema.json" },
  ],
  demoCredential: "test-meta-access-token",
  secretQueryParams: ["access_token"],
  // FACTS: no specific Conversions API limit is documented; throttling is Marketing API code 17/4/613.
  authenticate: (exchange, credentials) => {
    const account = accountOf(queryValue(exchange, "access_token"), credentials);
    if (account) return { ok: true, account };
    return {
      ok: false,
      reply: graphError(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190),
    };
  },
  invalid: (_route, problems) => graphError(400, `Invalid parameter: ${problems.join("; ")}`, "OAuthException", 100),
  accept: (_route, body) => {
    const data = (body as { data?: unknown[] } | undefined)?.data;
    return jsonReply(200, {
      events_received: Array.isArray(data) ? data.length : 0,
      messages: [],
      fbtrace_id: trace(),
    });
  },
  rateLimited: () => graphError(400, "User request limit reached", "OAuthException", 17),
  errorBody: (status) => ({
    error: {
      message: status >= 500 ? "An unexpected error has occurred." : "Unsupported request",
      type: "OAuthException",
      code: status >= 500 ? 2 : 100,
      fbtrace_id: trace(),
    },
  }),
};

export default metaEmulator;
