/**
 * The FHIR side's CapabilityStatement, built from what each FHIR route module declares (pure). A module contributes
 * resource entries (type, interactions, search parameters, operations) and system-level interactions; entries of
 * the same type from several modules are merged. Add a module to FHIR_MODULES (../routes/fhir/index.ts) and it is
 * served and described.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";

export type TypeInteraction = "read" | "vread" | "update" | "patch" | "delete" | "history-instance" | "history-type" | "create" | "search-type";
export type SystemInteraction = "transaction" | "batch" | "search-system" | "history-system";

export interface FhirSearchParam {
  name: string;
  type: "number" | "date" | "string" | "token" | "reference" | "composite" | "quantity" | "uri" | "special";
  documentation?: string;
}

export interface FhirOperation {
  /** without the leading $ */
  name: string;
  /** canonical URL of the OperationDefinition */
  definition: string;
  documentation?: string;
}

export interface FhirResourceCapability {
  type: string;
  profile?: string;
  documentation?: string;
  interactions?: TypeInteraction[];
  searchParams?: FhirSearchParam[];
  operations?: FhirOperation[];
}

export interface FhirModule {
  /** declares the module's routes (paths under /fhir) on the app */
  routes: (app: OpenAPIHono<AppEnv>) => void;
  resources?: FhirResourceCapability[];
  system?: { interactions?: SystemInteraction[]; operations?: FhirOperation[] };
}

function mergeByKey<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(key(i))) seen.set(key(i), i);
  return [...seen.values()];
}

/** Merges the resource entries of all modules by type (interactions, search parameters and operations united). */
export function mergeResources(modules: readonly Pick<FhirModule, "resources">[]): FhirResourceCapability[] {
  const byType = new Map<string, FhirResourceCapability>();
  for (const m of modules) {
    for (const r of m.resources ?? []) {
      const cur = byType.get(r.type);
      if (!cur) {
        byType.set(r.type, {
          ...r,
          interactions: [...(r.interactions ?? [])],
          searchParams: [...(r.searchParams ?? [])],
          operations: [...(r.operations ?? [])],
        });
        continue;
      }
      cur.interactions = [...new Set([...(cur.interactions ?? []), ...(r.interactions ?? [])])];
      cur.searchParams = mergeByKey([...(cur.searchParams ?? []), ...(r.searchParams ?? [])], (p) => p.name);
      cur.operations = mergeByKey([...(cur.operations ?? []), ...(r.operations ?? [])], (o) => o.name);
      cur.profile ??= r.profile;
      cur.documentation = [cur.documentation, r.documentation].filter(Boolean).join(" ") || undefined;
    }
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export function capabilityStatement(modules: readonly FhirModule[], opts: { baseUrl: string; date: string; version: string }) {
  const resources = mergeResources(modules);
  const systemInteractions = [...new Set(modules.flatMap((m) => m.system?.interactions ?? []))];
  const systemOperations = mergeByKey(
    modules.flatMap((m) => m.system?.operations ?? []),
    (o) => o.name,
  );
  return {
    resourceType: "CapabilityStatement" as const,
    status: "active",
    date: opts.date,
    publisher: "Regie",
    kind: "instance",
    software: { name: "Regie consent registry", version: opts.version },
    implementation: { description: "Regie consent registry (FHIR R4)", url: opts.baseUrl },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json"],
    rest: [
      {
        mode: "server",
        documentation: "Errors are OperationOutcome resources with the HTTP status. Bearer tokens (JWT) as for the JSON API.",
        security: {
          service: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "OAuth" }] }],
          description: "Bearer JWT (ES256), roles citizen and provider",
        },
        resource: resources.map((r) => ({
          type: r.type,
          ...(r.profile ? { profile: r.profile } : {}),
          ...(r.documentation ? { documentation: r.documentation } : {}),
          ...(r.interactions?.length ? { interaction: r.interactions.map((code) => ({ code })) } : {}),
          ...(r.searchParams?.length ? { searchParam: r.searchParams } : {}),
          ...(r.operations?.length ? { operation: r.operations } : {}),
        })),
        ...(systemInteractions.length ? { interaction: systemInteractions.map((code) => ({ code })) } : {}),
        ...(systemOperations.length ? { operation: systemOperations } : {}),
      },
    ],
  };
}
