/**
 * `POST /fhir`: a provider migrates its existing consents as one FHIR `transaction` Bundle (Consent + Provenance
 * per choice). Planned entry by entry (../../fhir/migration-bundle.ts), then each patient's choices are imported in
 * one shard transaction: all or nothing per patient, idempotent per choice. Deviation from FHIR's transaction: the
 * unit of atomicity is the patient, not the Bundle (patients live in different shard objects; docs/consent.md).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, type ClaimsOf, requireRole, zodIssuesToErrors } from "@regie/shared";
import { FhirTransactionBundle, FhirTransactionResponse, MIGRATION_LIMITS } from "@regie/shared/contracts/consent";
import type { HonoRequest } from "hono";
import { isMinor } from "../../citizens/subject";
import type { AppEnv, Bindings } from "../../env";
import type { FhirModule } from "../../fhir/capabilities";
import { planMigration, type PatientPlan } from "../../fhir/migration-bundle";
import { transactionResponse, type EntryResult } from "../../fhir/transaction-response";
import { callShard, citizenShard } from "../../storage/shards";
import { providerActor } from "../common";
import { FHIR_JSON } from "../../fhir/operation-outcome";
import { fhirProvider } from "./common";

/** Patients imported at once (each one D1 query and one Durable Object call). */
const CONCURRENCY = 8;

async function readBundle(req: HonoRequest): Promise<FhirTransactionBundle> {
  const tooLarge = () =>
    new ApiError("PAYLOAD_TOO_LARGE", `A migration Bundle may have at most ${MIGRATION_LIMITS.bytes} bytes and ${MIGRATION_LIMITS.entries} entries; split it`);
  if (Number(req.header("content-length") ?? 0) > MIGRATION_LIMITS.bytes) throw tooLarge();
  const text = await req.text();
  if (new TextEncoder().encode(text).byteLength > MIGRATION_LIMITS.bytes) throw tooLarge();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON");
  }
  const entries = (json as { entry?: unknown })?.entry;
  if (Array.isArray(entries) && entries.length > MIGRATION_LIMITS.entries) throw tooLarge();
  const r = FhirTransactionBundle.safeParse(json);
  if (!r.success)
    throw new ApiError("VALIDATION_FAILED", "The request body is not a transaction Bundle", { errors: zodIssuesToErrors(r.error.issues, "/Bundle") });
  return r.data;
}

/** Imports one patient's choices (one shard transaction) and says what happened to each of its entries. */
async function importPatient(env: Bindings, auth: ClaimsOf<"provider">, p: PatientPlan, results: EntryResult[]): Promise<void> {
  const first = p.failures.map((f) => f.index).sort((a, b) => a - b)[0];
  if (first !== undefined) {
    for (const f of p.failures) results[f.index] = { kind: "failed", status: f.status, errors: f.errors };
    for (const i of p.entries) results[i] ??= { kind: "skipped", because: first };
    return;
  }
  try {
    const { pseudonym, stub } = await citizenShard(env, p.bsn);
    const pending = await isMinor(env, pseudonym);
    const r = await callShard(
      stub.fhirImport(
        pseudonym,
        p.items.map(({ input, provenance }) => ({ input, provenance })),
        providerActor(auth),
        { pending },
      ),
    );
    if (!r.ok) throw new ApiError(r.code, r.detail);
    r.value.forEach((done, k) => {
      const item = p.items[k]!;
      results[item.consentIndex] = { kind: "consent", choice: done.choice, created: done.created };
      if (item.provenanceIndex !== undefined && done.provenance)
        results[item.provenanceIndex] = { kind: "provenance", provenance: done.provenance, created: done.created };
    });
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 503;
    for (const i of p.entries)
      results[i] = {
        kind: "skipped",
        because: i,
        status,
        detail: "Not imported: the registry could not store this patient's consents now; send the Bundle again (it is idempotent)",
      };
  }
}

async function migrate(env: Bindings, auth: ClaimsOf<"provider">, req: HonoRequest): Promise<Response> {
  const bundle = await readBundle(req);
  const plan = planMigration(bundle, auth);
  if (plan.patients.length > MIGRATION_LIMITS.patients) {
    throw new ApiError(
      "UNPROCESSABLE",
      `A migration Bundle may hold the consents of at most ${MIGRATION_LIMITS.patients} patients (this one: ${plan.patients.length}); split it`,
    );
  }
  const results: EntryResult[] = new Array(bundle.entry.length);
  for (const f of plan.alone) results[f.index] = { kind: "failed", status: f.status, errors: f.errors };
  for (let k = 0; k < plan.patients.length; k += CONCURRENCY) {
    await Promise.all(plan.patients.slice(k, k + CONCURRENCY).map((p) => importPatient(env, auth, p, results)));
  }
  return new Response(
    JSON.stringify(
      transactionResponse(
        results,
        bundle.entry.map((e) => e.fullUrl),
      ),
    ),
    { status: 200, headers: { "content-type": FHIR_JSON } },
  );
}

function routes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    fhirProvider
      .post("/fhir", "Migration: import a provider's existing consents from a transaction Bundle (Consent + Provenance per choice)", {
        body: { content: { "application/fhir+json": { schema: FhirTransactionBundle } }, required: true },
      })
      .describe(
        `All or nothing per patient, idempotent per choice (Consent.identifier, or the entry's fullUrl, with your URA). At most ${MIGRATION_LIMITS.entries} entries, ` +
          `${MIGRATION_LIMITS.bytes} bytes and ${MIGRATION_LIMITS.patients} patients (413/422 beyond). The transaction-response names each failing entry.`,
      )
      .respond(
        {
          200: {
            description: "transaction-response Bundle: one entry per request entry",
            content: { "application/fhir+json": { schema: FhirTransactionResponse } },
          },
        },
        400,
        401,
        403,
        413,
        422,
        503,
      ),
    (c) => migrate(c.env, c.get("auth"), c.req) as never,
  );
  // fhir-kit-client (and many FHIR clients) post a transaction to the base URL with a trailing slash
  app.post("/fhir/", requireRole("provider"), (c) => migrate(c.env, c.get("auth") as ClaimsOf<"provider">, c.req));
}

export const migration: FhirModule = { routes, system: { interactions: ["transaction"] } };
