import { z } from "@hono/zod-openapi";

/**
 * Data categories a consent choice is about (Mitz / Generieke Functie Toestemming).
 * `parent` ranks them: a choice about the parent covers its children.
 */
export interface DataCategory {
  code: string;
  display: string;
  displayEn: string;
  parent: string | null;
}

export const DATA_CATEGORIES: readonly DataCategory[] = [
  { code: "GGC002", display: "Behandelgegevens", displayEn: "Treatment data", parent: null },
  { code: "GGC012", display: "Uitslagen", displayEn: "Results", parent: "GGC002" },
  { code: "GGC013", display: "Medicatiegegevens", displayEn: "Medication data", parent: "GGC002" },
];

const BY_CODE = new Map(DATA_CATEGORIES.map((c) => [c.code, c]));

export function dataCategory(code: string): DataCategory | undefined {
  return BY_CODE.get(code);
}

/** The category itself and every broader category that covers it, most specific first. */
export function coveringCategories(code: string): string[] {
  const out: string[] = [];
  let cur = BY_CODE.get(code);
  while (cur) {
    out.push(cur.code);
    cur = cur.parent ? BY_CODE.get(cur.parent) : undefined;
  }
  return out;
}

export const DataCategoryCode = z
  .string()
  .refine((v) => BY_CODE.has(v), { message: "Unknown data category" })
  .openapi({ example: "GGC002" });
