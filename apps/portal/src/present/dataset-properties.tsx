import type { Child } from "hono/jsx";
import {
  ACCESS_RIGHTS,
  DATA_THEMES,
  FILE_TYPES,
  HEALTH_CATEGORIES,
  HEALTH_THEMES,
  LANGUAGES,
  labelOf,
  type Vocabulary,
} from "@regie/shared/contracts/catalogue";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { euLabel } from "@regie/shared/contracts/dcat/eu-labels";
import type { Lang, Messages } from "../i18n";
import { pickLang } from "./text";

/**
 * Every HealthDCAT-AP property of a dataset in readable form: a label in the reader's language, the
 * RDF property it stands for, and the value (language maps in the reader's language, vocabulary codes
 * as their labels, IRIs as links, nested resources as nested lists). Keys without a known label are
 * still shown, under their JSON name, so nothing the catalogue holds is hidden.
 */
export const PROPERTY_CURIES: Record<string, string> = {
  id: "regie:id",
  iri: "@id",
  identifier: "dct:identifier",
  title: "dct:title",
  description: "dct:description",
  alternative: "dct:alternative",
  accessRights: "dct:accessRights",
  applicableLegislation: "dcatap:applicableLegislation",
  type: "dct:type",
  language: "dct:language",
  accrualPeriodicity: "dct:accrualPeriodicity",
  issued: "dct:issued",
  modified: "dct:modified",
  publisher: "dct:publisher",
  publisherId: "regie:publisherId",
  creator: "dct:creator",
  hdab: "healthdcatap:hdab",
  hdabCoordinator: "healthdcatap:hdabCoordinator",
  custodian: "geodcat:custodian",
  contactPoint: "dcat:contactPoint",
  theme: "dcat:theme",
  healthCategory: "healthdcatap:healthCategory",
  healthTheme: "healthdcatap:healthTheme",
  keyword: "dcat:keyword",
  conformsTo: "dct:conformsTo",
  relation: "dct:relation",
  isReferencedBy: "dct:isReferencedBy",
  spatial: "dct:spatial",
  landingPage: "dcat:landingPage",
  page: "foaf:page",
  temporal: "dct:temporal",
  provenance: "dct:provenance",
  distribution: "dcat:distribution",
  sample: "adms:sample",
  analytics: "healthdcatap:analytics",
  purpose: "dpv:hasPurpose",
  legalBasis: "dpv:hasLegalBasis",
  personalData: "dpv:hasPersonalData",
  hasStructuredData: "healthdcatap:hasStructuredData",
  variables: "healthdcatap:hasVariables",
  codeValues: "healthdcatap:hasCodeValues",
  codingSystem: "healthdcatap:hasCodingSystem",
  minTypicalAge: "healthdcatap:minTypicalAge",
  maxTypicalAge: "healthdcatap:maxTypicalAge",
  numberOfRecords: "healthdcatap:numberOfRecords",
  numberOfUniqueIndividuals: "healthdcatap:numberOfUniqueIndividuals",
  populationCoverage: "healthdcatap:populationCoverage",
  retentionPeriod: "healthdcatap:retentionPeriod",
  temporalResolution: "dcat:temporalResolution",
  spatialResolutionInMeters: "dcat:spatialResolutionInMeters",
  version: "dcat:version",
  versionNotes: "adms:versionNotes",
  revision: "regie:revision",
  extraTriples: "rdf",
};

/** Which vocabulary a coded property uses. */
const VOCABULARIES: Record<string, Vocabulary> = {
  accessRights: ACCESS_RIGHTS,
  theme: DATA_THEMES,
  healthCategory: HEALTH_CATEGORIES,
  healthTheme: HEALTH_THEMES,
  language: LANGUAGES,
  format: FILE_TYPES,
};

/** Properties shown in the page header rather than the table. */
const IN_HEADER = new Set(["title", "description", "id", "revision", "publisherId", "quality"]);

function isLangMap(v: unknown): v is Record<string, string> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return entries.length > 0 && entries.every(([k, x]) => typeof x === "string" && /^(@none|[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*)$/.test(k));
}

function isIri(v: string): boolean {
  return /^(https?|mailto):[^\s]+$/.test(v);
}

export interface RenderCtx {
  t: Messages;
  lang: Lang;
}

function label(ctx: RenderCtx, key: string): string {
  return ctx.t.datasetProps[key] ?? key;
}

function Value({ ctx, keyName, value }: { ctx: RenderCtx; keyName: string; value: unknown }): Child {
  if (value === null || value === undefined) return <span>{ctx.t.notSet}</span>;
  if (typeof value === "boolean") return <span>{value ? ctx.t.yes : ctx.t.no}</span>;
  if (typeof value === "number") return <span>{new Intl.NumberFormat(ctx.lang === "nl" ? "nl-NL" : "en-GB").format(value)}</span>;
  if (typeof value === "string") {
    const vocab = VOCABULARIES[keyName];
    if (vocab) return <span>{`${labelOf(vocab, value, ctx.lang)} (${value})`}</span>;
    if (keyName === "email") return <a href={`mailto:${value}`}>{value}</a>;
    // focusable: a long block scrolls, and keyboard users must be able to scroll it (axe scrollable-region-focusable)
    if (keyName === "extraTriples")
      return (
        <pre class="rdf" tabindex={0}>
          {value}
        </pre>
      );
    if (isIri(value)) {
      // controlled vocabularies (EU authority tables, legislation): the label in the reader's language, linked to the IRI
      const known = euLabel(value, ctx.lang);
      if (known)
        return (
          <a href={value} rel="noopener noreferrer" class="vocab-term" title={value}>
            {known}
          </a>
        );
      return (
        <a href={value} rel="noopener noreferrer">
          {value}
        </a>
      );
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return <span>{ctx.t.date(value)}</span>;
    return <span>{value}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>{ctx.t.none}</span>;
    if (keyName === "keyword") return <span>{value.map((k) => (typeof k === "object" && k ? (k as { value: string }).value : String(k))).join(", ")}</span>;
    return (
      <ul class="prop-list">
        {value.map((item) => (
          <li>
            <Value ctx={ctx} keyName={keyName} value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (isLangMap(value)) return <span>{pickLang(value, ctx.lang)}</span>;
  if (typeof value === "object") return <Properties ctx={ctx} record={value as Record<string, unknown>} nested />;
  return <span>{String(value)}</span>;
}

/** A definition list of a record's properties (nested resources recurse). */
export function Properties({ ctx, record, nested }: { ctx: RenderCtx; record: Record<string, unknown>; nested?: boolean }) {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined && (nested || !IN_HEADER.has(k)));
  return (
    <dl class={nested ? "props props-nested" : "props"}>
      {keys.map((k) => (
        <div class="prop">
          <dt>
            {label(ctx, k)}
            {!nested && PROPERTY_CURIES[k] && <span class="curie"> ({PROPERTY_CURIES[k]})</span>}
          </dt>
          <dd>
            <Value ctx={ctx} keyName={k} value={record[k]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Top-level dataset properties in the order a reader needs them: the known order first, then the rest. */
export function orderedDataset(dataset: Dataset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(PROPERTY_CURIES)) if (k in dataset) out[k] = (dataset as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(dataset)) if (!(k in out)) out[k] = v;
  return out;
}
