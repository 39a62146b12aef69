// What the server reads off a request besides its body: the client's address and the CORS answer.

import type { IncomingMessage } from "node:http";

/**
 * The visitor's IP: the socket's address, or the first untrusted address of X-Forwarded-For when the request came
 * through one of the proxies the config trusts (read right to left, so a client cannot forge its way past them).
 */
export function clientIp(req: IncomingMessage, trustedProxies: readonly string[]): string | undefined {
  const socket = plainAddress(req.socket.remoteAddress);
  if (socket === undefined || !trustedProxies.includes(socket)) return socket;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]);
    if (hop !== undefined && !trustedProxies.includes(hop)) return hop;
  }
  return socket;
}

function plainAddress(address: string | undefined): string | undefined {
  if (address === undefined || address === "") return undefined;
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** CORS headers for a browser origin the config lists; none for any other origin. */
export function corsHeaders(req: IncomingMessage, origins: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (typeof origin !== "string" || !(origins.includes(origin) || origins.includes("*"))) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}
