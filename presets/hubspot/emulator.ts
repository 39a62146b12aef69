// HubSpot contacts batch upsert emulator module (from FACTS.md): Bearer private-app token, 200
// `{status: "COMPLETE", results}`, HubSpot's `{status: "error", category, ...}` errors, 100 requests per 10 s.

import { randomUUID } from "node:crypto";
import { accountOf, bearerToken } from "../../emulator/credentials.js";
import type { EmulatorModule } from "../../emulator/module.js";
import { jsonReply } from "../../emulator/replies.js";

function hubspotError(status: number, category: string, message: string, extra: object = {}) {
  return jsonReply(status, { status: "error", message, correlationId: randomUUID(), category, ...extra });
}

let nextId = 1000;

const hubspotEmulator: EmulatorModule = {
  title: "HubSpot",
  routes: [
    {
      name: "upsert",
      method: "POST",
      path: "/crm/v3/objects/contacts/batch/upsert",
      schema: "contacts-upsert.request.schema.json",
    },
  ],
  demoCredential: "test-hubspot-private-app-token",
  // FACTS: Free/Starter private apps, 100 requests per rolling 10 s (per account).
  rateLimit: { limit: 100, windowMs: 10_000 },
  authenticate: (exchange, credentials) => {
    const account = accountOf(bearerToken(exchange), credentials);
    if (account) return { ok: true, account };
    return {
      ok: false,
      reply: hubspotError(401, "INVALID_AUTHENTICATION", "Authentication credentials not found."),
    };
  },
  invalid: (_route, problems) =>
    hubspotError(400, "VALIDATION_ERROR", problems.join("; "), {
      errors: problems.map((message) => ({ message, code: "INVALID_INPUT" })),
    }),
  accept: (_route, body) => {
    const now = new Date().toISOString();
    const inputs = (body as { inputs?: { id?: string; properties?: Record<string, string> }[] }).inputs ?? [];
    const results = inputs.map((input) => ({
      id: String(nextId++),
      properties: { ...input.properties, email: input.id },
      createdAt: now,
      updatedAt: now,
      archived: false,
      new: true,
    }));
    return jsonReply(200, { status: "COMPLETE", results, startedAt: now, completedAt: now });
  },
  rateLimited: () =>
    hubspotError(429, "RATE_LIMITS", "You have reached your ten_secondly_rolling limit.", {
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
    }),
  errorBody: (status) => ({
    status: "error",
    message: status >= 500 ? "Internal error" : `HTTP ${status}`,
    correlationId: randomUUID(),
    category: status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR",
  }),
};

export default hubspotEmulator;
