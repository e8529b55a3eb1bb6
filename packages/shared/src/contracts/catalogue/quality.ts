/**
 * catalogue contracts: the metadata quality score (re-exported by ../catalogue.ts), after data.europa.eu's Metadata
 * Quality Assessment (MQA): five dimensions, each metric worth its published points (405 in all).
 */
import { z } from "@hono/zod-openapi";
import { component } from "../component";

/** The most points a dataset can score (the sum of the MQA weights). */
export const QUALITY_MAX = 405;

export const QUALITY_DIMENSIONS = ["findability", "accessibility", "interoperability", "reusability", "contextuality"] as const;
export const QualityDimension = z.enum(QUALITY_DIMENSIONS);
export type QualityDimension = z.infer<typeof QualityDimension>;

/** MQA's rating bands of the total score (0–405). */
export const QUALITY_RATINGS = ["excellent", "good", "sufficient", "bad"] as const;
export const QualityRating = z.enum(QUALITY_RATINGS);

export const QualityMetric = component("QualityMetric", {
  /** the MQA indicator, e.g. `keywordUsage`, `accessUrlAccessibility` */
  id: z.string(),
  dimension: QualityDimension,
  /** what the metric is worth (MQA weight) */
  weight: z.number().int().positive(),
  met: z.boolean(),
  /** `metadata`: read from the description; `offline`: MQA checks the URL over HTTP, Regie checks what it can without a request */
  checked: z.enum(["metadata", "offline"]),
  /** the DCAT property the metric reads (CURIE) */
  property: z.string(),
});
export type QualityMetric = z.infer<typeof QualityMetric>;

export const DatasetQuality = component("DatasetQuality", {
  datasetId: z.string(),
  score: z.number().int().nonnegative(),
  max: z.number().int().positive(),
  rating: QualityRating,
  dimensions: z.array(z.object({ dimension: QualityDimension, points: z.number().int().nonnegative(), max: z.number().int().positive() })),
  metrics: z.array(QualityMetric),
  /** the metrics not met, most points first: what would raise the score */
  toRaise: z.array(z.object({ id: z.string(), dimension: QualityDimension, points: z.number().int().positive(), property: z.string() })),
});
export type DatasetQuality = z.infer<typeof DatasetQuality>;
