import { env, SELF } from "cloudflare:test";
import worker from "../src/index";

export const ORIGIN = "http://localhost:8787";

/**
 * The portal's environment as production configures it: every required variable and secret set (OIDC login),
 * the development issuer's variables gone. The Rate Limiting binding here always allows; the production suite
 * (test-production/) runs the real one.
 */
export function productionEnv(overrides: Record<string, unknown> = {}): Env {
  const { ISSUER: _issuer, DEV_ISSUER_PRIVATE_JWK: _key, ...rest } = env as Env & { DEV_ISSUER_PRIVATE_JWK?: string };
  return {
    ...rest,
    ENVIRONMENT: "production",
    SESSION_SECRET: "a-production-secret-for-the-test-0123456789",
    CONSENT_PUBLIC_URL: "https://consent.example",
    CATALOGUE_PUBLIC_URL: "https://catalogue.example",
    OIDC_ISSUER: "https://broker.example",
    OIDC_AUTHORIZATION_ENDPOINT: "https://broker.example/authorize",
    OIDC_TOKEN_ENDPOINT: "https://broker.example/token",
    OIDC_JWKS_URI: "https://broker.example/jwks",
    OIDC_CLIENT_ID: "regie-portal",
    OIDC_REDIRECT_URI: "https://portal.example/inloggen/oidc/callback",
    RATE_LIMIT: "600/60",
    RATE_LIMITER: { limit: async () => ({ success: true }) },
    ...overrides,
  } as Env;
}

/** An ExecutionContext for calling the worker directly (nothing waits for its waitUntil work). */
export const CTX = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

/** The portal worker itself under `environment` (not SELF's): for tests that change its configuration or bindings. */
export function workerUnder(environment: Env): (request: Request) => Promise<Response> {
  return (request) => worker.fetch(request, environment, CTX);
}

/** GET an HTML page from the worker under `environment`, sending this Cookie header. */
export function pageGetter(environment: Env): (path: string, cookie?: string) => Promise<Response> {
  const fetcher = workerUnder(environment);
  return (path, cookie = "") => fetcher(new Request(`${ORIGIN}${path}`, { headers: { accept: "text/html", cookie } }));
}

/** A tiny cookie jar for SELF.fetch (no redirects followed, so tests see each 303). */
export class Browser {
  cookies = new Map<string, string>();
  lang?: string;

  /** `fetcher`: the portal as SELF runs it, or e.g. the worker under an environment a test changed. */
  constructor(private readonly fetcher: (request: Request) => Promise<Response> = (request) => SELF.fetch(request)) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  remember(res: Response) {
    for (const line of setCookies(res)) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.fetcher(
      new Request(`${ORIGIN}${path}`, { headers: { accept: "text/html", cookie: this.cookieHeader(), ...headers }, redirect: "manual" }),
    );
    this.remember(res);
    return res;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.fetcher(
      new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie: this.cookieHeader(), ...headers },
        body: new URLSearchParams(form).toString(),
        redirect: "manual",
      }),
    );
    this.remember(res);
    return res;
  }

  /** GET a page and return its HTML and the CSRF token of its forms. */
  async open(path: string): Promise<{ res: Response; html: string; csrf: string }> {
    const res = await this.get(path);
    const html = await res.text();
    return { res, html, csrf: csrfOf(html) };
  }

  /** A new browser, signed in as this person from the shared demo data. */
  static async loggedIn(identity: string): Promise<Browser> {
    const b = new Browser();
    await b.login(identity);
    return b;
  }

  /** Sign in through the development login page, as a person from the shared demo data. */
  async login(identity: string): Promise<Response> {
    const { csrf } = await this.open("/inloggen");
    return this.post("/inloggen/demo", { _csrf: csrf, identity, next: "/" });
  }

  /** Follow a 303 and return the page. */
  async follow(res: Response): Promise<string> {
    const location = res.headers.get("location");
    if (!location) throw new Error(`no redirect (status ${res.status})`);
    return (await this.get(new URL(location, ORIGIN).pathname + new URL(location, ORIGIN).search)).text();
  }
}

/** The Set-Cookie lines of a response (workerd supports getSetCookie; the type definitions lag behind). */
export function setCookies(res: Response): string[] {
  return (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
}

/** The Cookie header that sends back every cookie a response set. */
export function cookieOf(res: Response): string {
  return setCookies(res)
    .map((l) => l.split(";")[0])
    .join("; ");
}

export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}

/** Visible text of an HTML page (tags stripped, whitespace collapsed, entities for quotes decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
