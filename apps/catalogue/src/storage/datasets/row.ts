/**
 * A dataset's row in the catalogue D1 (`datasets`): the SQL that writes it and its values, bound in column order.
 * The document and summary columns stay empty: they go to a document partition (../docs/).
 */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import type { DatasetRecord } from "../../datasets/record";

export const INSERT_ROW = `INSERT INTO datasets (id, iri, publisher_id, access_rights, title_sort, modified, min_age, max_age, temporal_start, temporal_end, individuals, facets, title_text, keywords_text, description_text, summary, doc, revision, created_at, quality, series)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)`;
export const UPDATE_ROW = `UPDATE datasets SET iri = ?2, publisher_id = ?3, access_rights = ?4, title_sort = ?5, modified = ?6, min_age = ?7, max_age = ?8,
temporal_start = ?9, temporal_end = ?10, individuals = ?11, facets = ?12, title_text = ?13, keywords_text = ?14, description_text = ?15,
summary = ?16, doc = ?17, revision = ?18, quality = ?19, series = ?20 WHERE id = ?1`;

/**
 * What the series membership triggers (migrations 0045, 0060) and the member list read of a dataset in dcat:inSeries:
 * the series, dct:issued, dcat:version and the title (the document itself is in a partition); NULL for the others.
 */
function seriesOf(doc: Dataset): string | null {
  if (!doc.inSeries?.length) return null;
  return JSON.stringify({ inSeries: doc.inSeries, issued: doc.issued ?? null, version: doc.version ?? null, title: doc.title });
}

/** The record's own columns, `id` … `description_text` (the first fifteen of every row the catalogue has written). */
export function recordColumns(r: DatasetRecord) {
  return [
    r.id,
    r.iri,
    r.publisherId,
    r.accessRights,
    r.titleSort,
    r.modified,
    r.minAge,
    r.maxAge,
    r.temporalStart,
    r.temporalEnd,
    r.individuals,
    JSON.stringify(r.facets),
    r.titleText,
    r.keywordsText,
    r.descriptionText,
  ];
}

/** INSERT_ROW's values. */
export function insertValues(r: DatasetRecord, createdAt: string) {
  return [...recordColumns(r), "", "", r.doc.revision, createdAt, r.quality, seriesOf(r.doc)];
}

/** UPDATE_ROW's values. */
export function updateValues(r: DatasetRecord) {
  return [...recordColumns(r), "", "", r.doc.revision, r.quality, seriesOf(r.doc)];
}
