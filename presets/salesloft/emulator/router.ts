// Which endpoint a request is for; both the bare and the `.json` spelling of every path are served.

export type RouteName = "upsertPerson" | "listPeople" | "listCustomFields";

interface Route {
  readonly method: string;
  readonly path: string;
  readonly name: RouteName;
  /** The API key scope the endpoint needs, if any. */
  readonly scope?: string;
}

const ROUTES: readonly Route[] = [
  { method: "POST", path: "/v2/person_upserts", name: "upsertPerson", scope: "people" },
  { method: "GET", path: "/v2/people", name: "listPeople", scope: "people" },
  // Reading the tenant's field definitions is allowed to any valid key: a client checks them before it sends.
  { method: "GET", path: "/v2/custom_fields", name: "listCustomFields" },
];

export function matchRoute(method: string, pathname: string): Route | undefined {
  const bare = pathname.endsWith(".json") ? pathname.slice(0, -".json".length) : pathname;
  const trimmed = bare.length > 1 && bare.endsWith("/") ? bare.slice(0, -1) : bare;
  return ROUTES.find((route) => route.method === method && route.path === trimmed);
}
