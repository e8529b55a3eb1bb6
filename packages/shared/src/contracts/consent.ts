/**
 * HTTP contract of the consent registry (apps/consent). The single source for validation, types, OpenAPI
 * and the typed client in `clients/consent.ts`. Paths and field names follow docs ARCHITECTURE.md.
 * Changes to this file are additive only: the portal and the catalogue depend on it.
 */
export * from "./consent/building-blocks";
export * from "./consent/choices";
export * from "./consent/provider-questions";
export * from "./consent/provider-actions";
export * from "./consent/citizen";
export * from "./consent/hdab-fhir";
export * from "./consent/fhir";
export * from "./consent/authzen";
export * from "./consent/address-book";
export * from "./consent/subscriptions";
export * from "./consent/fhir-recording";
