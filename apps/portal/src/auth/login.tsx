import { Hono } from "hono";
import type { Context } from "hono";
import { AUDIENCES, errorFields, logger, verifyToken, type DevTokenRequest } from "@regie/shared";
import { DEMO_CITIZENS, DEMO_HDAB, DEMO_PUBLISHERS, DEMO_RESEARCHERS } from "@regie/shared/demo";
import { signDevToken } from "@regie/shared/auth/dev-issuer";
import type { AppEnv } from "../env";
import { devIssuerOf, signingKey } from "../dev/issuer";
import { randomToken } from "@regie/shared/util/encoding";
import { replaceSession, setFlash, touchSession, type SessionUser } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField } from "../views/form";
import { TitledPage } from "../views/layout";
import { safeReturnPath } from "./guard";
import { authorizationUrl, completeLogin, newVerifier, oidcConfig, pkceChallenge } from "./oidc";

export const login = new Hono<AppEnv>();
/** The development login (POST /inloggen/demo): mounted only in development (see app.ts), so production has no such route. */
export const demoLogin = new Hono<AppEnv>();

const DEV_TOKEN_SECONDS = 2 * 3600;
const OIDC_PENDING_SECONDS = 600;

interface DemoIdentity {
  id: string;
  group: "citizen" | "researcher" | "hdab" | "publisher";
  name: string;
  detail?: string;
  claims: DevTokenRequest;
  demoKey?: string;
}

/** Everyone the development login offers, from the shared demo data. */
export function demoIdentities(): DemoIdentity[] {
  return [
    ...DEMO_CITIZENS.map((p) => ({
      id: `citizen:${p.key}`,
      group: "citizen" as const,
      name: p.name,
      detail: p.birthDate,
      claims: { role: "citizen" as const, bsn: p.bsn },
      demoKey: p.key,
    })),
    ...DEMO_RESEARCHERS.map((r) => ({
      id: `researcher:${r.sub}`,
      group: "researcher" as const,
      name: r.name,
      detail: r.organisation,
      claims: { role: "researcher" as const, sub: r.sub, name: r.name, organisation: r.organisation },
    })),
    { id: `hdab:${DEMO_HDAB.sub}`, group: "hdab" as const, name: DEMO_HDAB.name, claims: { role: "hdab" as const, sub: DEMO_HDAB.sub } },
    ...DEMO_PUBLISHERS.map((p) => ({
      id: `publisher:${p.publisherId}`,
      group: "publisher" as const,
      name: p.name,
      claims: { role: "publisher" as const, publisherId: p.publisherId },
    })),
  ];
}

function homeFor(role: string): string {
  return role === "citizen" ? "/mijn" : role === "researcher" ? "/onderzoek" : role === "hdab" ? "/hdab" : role === "publisher" ? "/datahouder" : "/";
}

function IdentityButtons({ c, group, next }: { c: Context<AppEnv>; group: DemoIdentity["group"]; next: string }) {
  const t = c.get("t");
  return (
    <ul class="identity-list">
      {demoIdentities()
        .filter((d) => d.group === group)
        .map((d) => (
          <li>
            <form method="post" action="/inloggen/demo">
              <CsrfField c={c} />
              <input type="hidden" name="identity" value={d.id} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" class="button button-secondary">
                {t.login.devAs(d.name)}
              </button>
              {d.detail && <span class="identity-detail">{group === "citizen" ? t.login.bornOn(t.date(d.detail)) : d.detail}</span>}
            </form>
          </li>
        ))}
    </ul>
  );
}

login.get("/inloggen", (c) => {
  const t = c.get("t");
  const next = safeReturnPath(c.req.query("next"));
  const oidc = oidcConfig(c.env);
  const dev = c.get("mode") === "development";
  return c.html(
    <TitledPage c={c} title={t.login.title} intro={t.login.intro}>
      {oidc ? (
        <p>
          <a class="button" href={`/inloggen/oidc?next=${encodeURIComponent(next)}`}>
            {t.login.oidcButton(oidc.label)}
          </a>
        </p>
      ) : (
        !dev && <p>{t.login.oidcMissing}</p>
      )}
      {dev && (
        <section aria-labelledby="dev-login">
          <h2 id="dev-login">{t.login.devTitle}</h2>
          <p>{t.login.devIntro}</p>
          <h3>{t.login.devCitizens}</h3>
          <IdentityButtons c={c} group="citizen" next={next} />
          <h3>{t.login.devResearchers}</h3>
          <IdentityButtons c={c} group="researcher" next={next} />
          <h3>{t.login.devHdab}</h3>
          <IdentityButtons c={c} group="hdab" next={next} />
          <h3>{t.login.devPublishers}</h3>
          <IdentityButtons c={c} group="publisher" next={next} />
        </section>
      )}
    </TitledPage>,
  );
});

/** Development login: the portal mints the token itself with the development issuer's key. */
demoLogin.post("/inloggen/demo", async (c) => {
  const body = await c.req.parseBody();
  const identity = demoIdentities().find((d) => d.id === body.identity);
  if (!identity) throw new PageError(400, "badRequest");
  const { token, expiresIn } = await signDevToken(await signingKey(c.env), devIssuerOf(c.env), { ...identity.claims, expiresIn: DEV_TOKEN_SECONDS });
  const user: SessionUser = {
    role: identity.claims.role,
    token,
    displayName: identity.name,
    expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
    demoKey: identity.demoKey,
    organisation: identity.claims.role === "researcher" ? identity.claims.organisation : undefined,
  };
  replaceSession(c, user, { kind: "success", text: c.get("t").login.loggedIn(identity.name) });
  const next = safeReturnPath(typeof body.next === "string" ? body.next : undefined);
  return c.redirect(next === "/" ? homeFor(user.role) : next, 303);
});

login.post("/uitloggen", (c) => {
  replaceSession(c, undefined, { kind: "success", text: c.get("t").login.loggedOut });
  return c.redirect("/", 303);
});

/** Production login, step 1: redirect to the OIDC provider with state, nonce and a PKCE challenge. */
login.get("/inloggen/oidc", async (c) => {
  const cfg = oidcConfig(c.env);
  if (!cfg) throw new PageError(404, "notFound");
  const verifier = newVerifier();
  const pending = { state: randomToken(), nonce: randomToken(), verifier, createdAt: Math.floor(Date.now() / 1000), next: safeReturnPath(c.req.query("next")) };
  touchSession(c, (s) => (s.oidc = pending));
  return c.redirect(authorizationUrl(cfg, { state: pending.state, nonce: pending.nonce, challenge: await pkceChallenge(verifier), lang: c.get("lang") }), 302);
});

/** Production login, step 2: check state, exchange the code, verify the tokens, start the session. */
login.get("/inloggen/oidc/callback", async (c) => {
  const cfg = oidcConfig(c.env);
  if (!cfg) throw new PageError(404, "notFound");
  const t = c.get("t");
  const pending = c.get("session").oidc;
  touchSession(c, (s) => (s.oidc = undefined));
  const state = c.req.query("state");
  const code = c.req.query("code");
  const fresh = pending && Math.floor(Date.now() / 1000) - pending.createdAt < OIDC_PENDING_SECONDS;
  if (!pending || !fresh || !state || state !== pending.state || !code || c.req.query("error")) {
    setFlash(c, { kind: "error", text: t.login.oidcFailed });
    return c.redirect("/inloggen", 303);
  }
  try {
    const tokens = await completeLogin(cfg, new URL(c.req.url), pending);
    const idClaims = tokens.idClaims;
    const claims = await verifyToken(tokens.accessToken, { trustedIssuers: [{ issuer: cfg.issuer, jwksUri: cfg.jwksUri }], audience: AUDIENCES.portal });
    const name = typeof idClaims.name === "string" ? idClaims.name : claims.role === "researcher" ? claims.name : (t.roles[claims.role] ?? claims.role);
    const user: SessionUser = {
      role: claims.role,
      token: tokens.accessToken,
      displayName: name,
      expiresAt: Math.floor(Date.now() / 1000) + tokens.expiresIn,
      organisation: claims.role === "researcher" ? claims.organisation : undefined,
    };
    replaceSession(c, user, { kind: "success", text: t.login.loggedIn(name) });
    const next = safeReturnPath(pending.next);
    return c.redirect(next === "/" ? homeFor(user.role) : next, 303);
  } catch (err) {
    logger.warn("oidc login failed", errorFields(err));
    setFlash(c, { kind: "error", text: t.login.oidcFailed });
    return c.redirect("/inloggen", 303);
  }
});
