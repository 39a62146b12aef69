// Salesloft's error bodies: the single-message shape and the validation shape.

import { jsonReply, type Reply } from "../../../emulator/replies.js";

/** Salesloft's single-message error shape, used for 400, 401, 403, 404, 429 and 5xx. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error: message }, headers);
}

/** Salesloft's validation shape: `{"errors": {"<field>": ["<message>", ...]}}`. */
export function validationReply(errors: Readonly<Record<string, readonly string[]>>): Reply {
  return jsonReply(422, { errors });
}

export const RATE_LIMITED_MESSAGE = "API rate limit exceeded";

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Invalid Bearer Token",
  403: "Forbidden",
  404: "Not Found",
  422: "Unprocessable Entity",
  429: RATE_LIMITED_MESSAGE,
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The body a scripted or injected failure gets when none is given: the `{"error"}` shape Salesloft uses. */
export function defaultErrorBody(status: number): { error: string } {
  return { error: STATUS_MESSAGES[status] ?? `HTTP ${status}` };
}
