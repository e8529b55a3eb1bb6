/** Reading datasets' documents and summaries from the document partitions, through the directory (../docs/reader.ts). */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { readThrough, REF_JOIN, refColumns, type DocRef } from "../docs/reader";
import type { DocumentStore } from "../docs/store";
import { readVersion, VERSION, versionOf } from "./version";

const byOrds = (field: "doc" | "summary") => `SELECT ${refColumns(field)} FROM ${REF_JOIN} WHERE d.ord IN (SELECT value FROM json_each(?1))`;

export async function readDoc(db: D1Database, docs: DocumentStore, id: string): Promise<Dataset | null> {
  const read = async () => {
    const ref = await db
      .prepare(`SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.id = ?1`)
      .bind(id)
      .first<DocRef>();
    return { refs: ref ? [ref] : [] };
  };
  const { bodies } = await readThrough(docs, "doc", read);
  return bodies[0] ? (JSON.parse(bodies[0]) as Dataset) : null;
}

/** The directory refs of `ords` with the catalogue version, read in one batch, and their field's JSON in `ords`' order. */
export async function bodiesAtVersion(
  db: D1Database,
  docs: DocumentStore,
  ords: number[],
  field: "doc" | "summary",
): Promise<{ version: string; bodies: string[] }> {
  const read = async () => {
    const [v, rows] = await db.batch([db.prepare(VERSION), db.prepare(byOrds(field)).bind(JSON.stringify(ords))]);
    const byOrd = new Map((rows!.results as DocRef[]).map((r) => [r.ord, r]));
    return { version: versionOf(v!), refs: ords.map((o) => byOrd.get(o)).filter((r): r is DocRef => !!r) };
  };
  return ords.length ? readThrough(docs, field, read) : { version: await readVersion(db), bodies: [] };
}
