// Reading a credential from a request the ways APIs carry one: a Bearer token, HTTP Basic, a query parameter.

import type { IncomingExchange } from "./server.js";

export function bearerToken(exchange: IncomingExchange): string | undefined {
  return /^\s*Bearer\s+(\S+)\s*$/i.exec(exchange.authorization ?? "")?.[1];
}

/** The Basic user name and password; absent when the header is not Basic or does not decode. */
export function basicCredentials(exchange: IncomingExchange): { user: string; password: string } | undefined {
  const encoded = /^\s*Basic\s+(\S+)\s*$/i.exec(exchange.authorization ?? "")?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0
    ? { user: decoded, password: "" }
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function queryValue(exchange: IncomingExchange, name: string): string | undefined {
  return exchange.url.searchParams.get(name) ?? undefined;
}

/** The account a credential belongs to in an emulator: a short, non-secret label derived from its position. */
export function accountOf(credential: string | undefined, credentials: readonly string[]): string | undefined {
  if (credential === undefined) return undefined;
  const index = credentials.indexOf(credential);
  return index < 0 ? undefined : `account-${index + 1}`;
}
