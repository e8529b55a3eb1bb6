/**
 * Calls to the real services from a portal test, through the portal's own service bindings (CONSENT, CATALOGUE),
 * with tokens minted by the portal's development issuer (POST /dev/token), which the services trust.
 */
import { env, SELF } from "cloudflare:test";
import { TokenResponse, type DevTokenRequest } from "@regie/shared";
import { ORIGIN } from "../helpers";

export async function devToken(request: DevTokenRequest): Promise<string> {
  const res = await SELF.fetch(`${ORIGIN}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  if (res.status !== 200) throw new Error(`POST /dev/token answered ${res.status}: ${await res.text()}`);
  return TokenResponse.parse(await res.json()).access_token;
}

export interface ServiceAnswer {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(): T;
  /** Throws (naming the write and the service's answer) unless the status is the expected one. */
  expect(status: number, what: string): Promise<ServiceAnswer>;
}

export async function callService(
  service: "CONSENT" | "CATALOGUE",
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ServiceAnswer> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  const raw = body instanceof Uint8Array || typeof body === "string";
  if (body !== undefined && !raw) h["content-type"] = "application/json";
  const res = await env[service].fetch(`https://${service.toLowerCase()}.internal${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
  });
  const text = await res.text();
  const answer: ServiceAnswer = {
    status: res.status,
    text,
    json: () => JSON.parse(text),
    async expect(status, what) {
      if (res.status !== status) throw new Error(`${what}: ${method} ${path} answered ${res.status}, not ${status}: ${text.slice(0, 500)}`);
      return answer;
    },
  };
  return answer;
}
