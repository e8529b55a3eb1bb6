import { z } from "@hono/zod-openapi";
import { Bsn } from "../identifiers/bsn";
import { Ura, UziRole } from "../identifiers/ura";
import { OrganizationTypeCode } from "../codes/organisation-types";

/** The roles Regie knows, and the claims each role's token carries. */
export const ROLES = ["citizen", "provider", "researcher", "publisher", "hdab", "operator"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const CitizenClaims = z.object({ role: z.literal("citizen"), bsn: Bsn });
export const ProviderClaims = z.object({ role: z.literal("provider"), ura: Ura, organizationType: OrganizationTypeCode, uziRole: UziRole.optional() });
export const ResearcherClaims = z.object({
  role: z.literal("researcher"),
  sub: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
});
export const PublisherClaims = z.object({ role: z.literal("publisher"), publisherId: z.string().min(1).max(200) });
export const HdabClaims = z.object({ role: z.literal("hdab"), sub: z.string().min(1).max(200) });
/** The registry's own operations staff (loading the address book); never a citizen or provider token. */
export const OperatorClaims = z.object({ role: z.literal("operator"), sub: z.string().min(1).max(200) });

export const Claims = z.discriminatedUnion("role", [CitizenClaims, ProviderClaims, ResearcherClaims, PublisherClaims, HdabClaims, OperatorClaims]);
export type Claims = z.infer<typeof Claims>;
export type ClaimsOf<R extends Role> = Extract<Claims, { role: R }>;

/** Body of the development issuer's POST /dev/token. */
export const DevTokenRequest = z
  .discriminatedUnion("role", [
    CitizenClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
    ProviderClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
    ResearcherClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
    PublisherClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
    HdabClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
    OperatorClaims.extend({ expiresIn: z.number().int().min(-86400).max(86400).optional() }).strict(),
  ])
  .openapi("DevTokenRequest");
export type DevTokenRequest = z.infer<typeof DevTokenRequest>;

export const TokenResponse = z.object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int() }).openapi("TokenResponse");

/** Audiences of the services. A development token carries all of them. */
export const AUDIENCES = { consent: "regie-consent", catalogue: "regie-catalogue", portal: "regie-portal" } as const;
