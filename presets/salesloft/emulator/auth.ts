// Bearer-token checks with the 401 and 403 wording Salesloft uses.

import type { ApiKeyGrant } from "./options.js";

export const MISSING_TOKEN_MESSAGE =
  "No Bearer Token attached to request, please see documentation at developers.salesloft.com";
export const INVALID_TOKEN_MESSAGE = "Invalid Bearer Token";
export const PEOPLE_SCOPE = "people";

export type AuthResult =
  | { readonly ok: true; readonly grant: ApiKeyGrant }
  | { readonly ok: false; readonly status: 401; readonly message: string };

/** Finds the grant for the request's bearer token; a missing and a wrong token get different messages. */
export function authenticate(
  authorization: string | undefined,
  apiKeys: Readonly<Record<string, ApiKeyGrant>>,
): AuthResult {
  const token = bearerToken(authorization);
  if (token === undefined) return { ok: false, status: 401, message: MISSING_TOKEN_MESSAGE };
  // Own-property lookup only, so a token like "constructor" never matches something inherited.
  const grant = Object.hasOwn(apiKeys, token) ? apiKeys[token] : undefined;
  if (grant === undefined) return { ok: false, status: 401, message: INVALID_TOKEN_MESSAGE };
  return { ok: true, grant };
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

export function hasScope(grant: ApiKeyGrant, scope: string): boolean {
  return grant.scopes.includes(scope);
}

export function missingScopeMessage(scope: string): string {
  return `This API key is missing the required scope: ${scope}`;
}
