import { SELF } from "cloudflare:test";

export const ORIGIN = "http://localhost:8787";

/** A tiny cookie jar for SELF.fetch (no redirects followed, so tests see each 303). */
export class Browser {
  cookies = new Map<string, string>();
  lang?: string;

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
    const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { accept: "text/html", cookie: this.cookieHeader(), ...headers }, redirect: "manual" });
    this.remember(res);
    return res;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const res = await SELF.fetch(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie: this.cookieHeader(), ...headers },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /** GET a page and return its HTML and the CSRF token of its forms. */
  async open(path: string): Promise<{ res: Response; html: string; csrf: string }> {
    const res = await this.get(path);
    const html = await res.text();
    return { res, html, csrf: csrfOf(html) };
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
