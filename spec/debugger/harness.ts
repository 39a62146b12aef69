// A real HTTP server for the debugger's tests: collection + the debugger routes + SQLite, with a fake pipeline.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import type {
  CatalogEntry,
  DebuggerDeps,
  IntegrationRegistry,
  IntegrationState,
  SaveIntegration,
} from "../../serve/debugger/deps.js";
import { createDebugger } from "../../serve/debugger/routes.js";
import type { SignInGuardOptions } from "../../serve/debugger/sign-in-guard.js";
import { startHttpServer, type RunningServer } from "../../serve/http-server.js";
import { createMetrics } from "../../serve/metrics.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { AttemptRecord, Completion, Store } from "../../store/store.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium.js";

export const ADMIN_PASSWORD = "correct horse battery staple";
export const WRITE_KEY = "wk_debugger_test";
/** A fixed clock keeps the screenshots the same from run to run. */
export const NOW = Date.UTC(2026, 11, 1, 9, 30, 0);

export const CATALOG: CatalogEntry[] = [
  {
    integration: "salesloft",
    title: "Salesloft",
    presets: [
      {
        file: "presets/salesloft/lead-capture.map",
        name: "lead-capture",
        title: "Lead Capture",
        settings: [
          { name: "api_key", type: "text", required: true, secret: true, description: "API key with the People scope" },
          { name: "default_phone_region", type: "text", required: false, secret: false },
        ],
      },
    ],
  },
];

interface FakeIntegration {
  state: IntegrationState["state"];
  preset: string;
  detail?: string;
  lastEventAt?: number;
  paused: boolean;
  settings: Record<string, string | number | boolean>;
  secrets: Map<string, string>;
}

/** The pipeline's integrations as the tests set them up; secrets are kept apart, as the encrypted file would. */
export class FakeRegistry implements IntegrationRegistry {
  readonly items = new Map<string, FakeIntegration>();
  readonly saved: SaveIntegration[] = [];

  add(name: string, state: IntegrationState["state"], detail?: string, key = "sk_fixture_key_0001"): void {
    const secrets = new Map([["api_key", key]]);
    this.items.set(name, { state, detail, preset: CATALOG[0].presets[0].file, paused: false, settings: {}, secrets });
  }

  list(): IntegrationState[] {
    return [...this.items].map(([name, i]) => ({
      name,
      integration: "salesloft",
      preset: i.preset,
      state: i.paused ? "paused" : i.state,
      detail: i.detail,
      lastEventAt: i.lastEventAt,
      settings: i.settings,
      secretsSet: [...i.secrets.keys()],
    }));
  }

  catalog(): CatalogEntry[] {
    return CATALOG;
  }

  async save(input: SaveIntegration) {
    this.saved.push(input);
    const item = this.items.get(input.name) ?? {
      state: "waiting" as const,
      preset: input.preset,
      paused: false,
      settings: {},
      secrets: new Map(),
    };
    item.preset = input.preset;
    item.settings = {};
    for (const [key, value] of Object.entries(input.settings)) {
      if (key === "api_key") item.secrets.set(key, String(value));
      else item.settings[key] = value;
    }
    this.items.set(input.name, item);
    return { ok: true as const };
  }

  async setPaused(name: string, paused: boolean): Promise<void> {
    const item = this.items.get(name);
    if (item !== undefined) item.paused = paused;
  }

  secretValues(): string[] {
    return [...this.items.values()].flatMap((i) => [...i.secrets.values()]);
  }
}

export interface Harness {
  readonly url: string;
  readonly store: Store;
  readonly registry: FakeRegistry;
  /** Finishes the event's pending row at the integration as the worker would, and tells the page. */
  complete(eventId: number, integration: string, completion: Completion): Promise<void>;
  post(path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export const EXPLANATION = {
  fields: [
    {
      field: "email_address",
      rule: "email_address <- lower(trim(traits.email))",
      line: 14,
      value: "jane.doe@example.com",
    },
    {
      field: "phone",
      rule: "phone <- e164(traits.phone, settings.default_phone_region)",
      line: 17,
      value: "+447700900123",
    },
  ],
  skipped: [
    { rule: "tags <- [properties.lead_source]", line: 25, reason: "condition false: event is not Lead Generated" },
  ],
};

export async function startHarness(
  options: { assetsDir?: string; deps?: Partial<DebuggerDeps>; signIn?: SignInGuardOptions } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-debugger-"));
  const store = openSqliteStore(join(dir, "store.db"));
  const registry = new FakeRegistry();
  const listeners = new Set<(id: number) => void>();
  const emit = (id: number) => listeners.forEach((l) => l(id));
  const deps: DebuggerDeps = {
    store,
    adminPassword: ADMIN_PASSWORD,
    integrations: registry,
    explain: async (_id, integration) => (integration === "salesloft" ? EXPLANATION : undefined),
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    secretValues: () => registry.secretValues(),
    now: () => NOW,
    ...options.deps,
  };
  const debug = createDebugger(deps, { assetsDir: options.assetsDir, signIn: options.signIn });
  const server: RunningServer = await startHttpServer("127.0.0.1", 0, {
    collector: {
      store,
      sources: [{ name: "web", writeKey: WRITE_KEY }],
      limits: { eventBytes: 32_000, requestBytes: 100_000 },
      corsOrigins: [],
      trustedProxies: [],
      now: () => NOW,
      route: (event) =>
        registry
          .list()
          .map((i) => ({ integration: i.name, orderKey: (event.traits as { email?: string } | undefined)?.email })),
      onAccepted: (_source, stored) => void store.recent(stored).then((views) => views.forEach((v) => emit(v.id))),
    },
    metrics: createMetrics(store),
    ready: () => true,
    routes: [debug.route],
  });
  return {
    url: server.url,
    store,
    registry,
    async complete(eventId, integration, completion) {
      const rows = await store.claim("fake", 50, NOW, 60_000, [integration]);
      for (const row of rows) if (row.eventId === eventId) await store.complete(row.id, "fake", completion, NOW);
      const item = registry.items.get(integration);
      if (item !== undefined) item.lastEventAt = NOW;
      emit(eventId);
    },
    post: (path, body) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`,
        },
        body: JSON.stringify(body),
      }),
    async close() {
      debug.close();
      // A browser may keep a connection open past the test (keep-alive, a request cut off by closing the tab).
      const closing = server.close();
      server.server.closeAllConnections();
      await closing;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function delivered(personId: number, email: string): Completion {
  const attempt: AttemptRecord = {
    at: NOW,
    durationMs: 84,
    httpStatus: 200,
    destinationId: String(personId),
    request: {
      method: "POST",
      url: "https://api.salesloft.com/v2/person_upserts",
      headers: { Authorization: "Bearer [redacted]", "Content-Type": "application/json" },
      body: { upsert_key: "email_address", email_address: email },
    },
    response: { data: { id: personId, email_address: email } },
  };
  return { state: "delivered", attempt, warnings: [] };
}

export function rejected(status: 401 | 403, detail: string): Completion {
  const attempt: AttemptRecord = { at: NOW, durationMs: 41, httpStatus: status, response: { error: "Unauthorized" } };
  return { state: "failed", detail, attempt };
}

export const adminAuth = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString("base64")}`;

/**
 * Debian's Chromium through playwright-core, headless, signed in as admin. Chromium that does not start fails the
 * test that asked for it: the browser tests are never skipped.
 */
export async function launchChromium(profileDir: string, extraArgs: readonly string[] = []): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...extraArgs],
      httpCredentials: { username: "admin", password: ADMIN_PASSWORD },
      timezoneId: "UTC",
      locale: "en-GB",
      viewport: { width: 1440, height: 900 },
    });
  } catch (error) {
    throw new Error(`Chromium did not start (apt-get install -y chromium): ${(error as Error).message}`);
  }
}
