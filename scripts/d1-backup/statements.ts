/** SQL text: quoting, and the statements that recreate a row within D1's statement length. */
import { createHash } from "node:crypto";
import type { TableInfo } from "./tables";

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** D1 rejects statements longer than 100 KB; the backup keeps every statement below this many bytes. */
export const MAX_STATEMENT_BYTES = 90_000;
/** Rows read per page, and the bytes after which a page stops early (D1 returns at most a few MB comfortably). */
/** Text values longer than this are written in pieces appended by UPDATE. */
const PIECE_CODE_POINTS = 16_000;

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** `'it''s'` -> `it's`; null for a literal that is not text (numbers, NULL, blobs). */
function unquoteText(lit: string): string | null {
  return lit.length >= 2 && lit.startsWith("'") && lit.endsWith("'") ? lit.slice(1, -1).replace(/''/g, "'") : null;
}

function pieces(text: string): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += PIECE_CODE_POINTS) out.push(points.slice(i, i + PIECE_CODE_POINTS).join(""));
  return out;
}

/**
 * The statements that recreate one row: one INSERT, or for a row too long for one statement an INSERT with its
 * longest text values left empty and UPDATEs appending them piece by piece.
 */
export function rowStatements(info: TableInfo, values: string[], keyLiterals: string[], verb = "INSERT"): string[] {
  const cols = info.columns.map(ident).join(", ");
  const insert = (vals: string[]) => `${verb} INTO ${ident(info.name)} (${cols}) VALUES (${vals.join(", ")});`;
  const whole = insert(values);
  if (utf8Bytes(whole) <= MAX_STATEMENT_BYTES) return [whole];
  if (info.key[0] === "rowid") throw new Error(`${info.name}: a row too long for one statement in a table without a primary key`);
  const vals = [...values];
  const deferred: number[] = [];
  const bySize = vals.map((v, i) => [i, utf8Bytes(v)] as const).sort((a, b) => b[1] - a[1]);
  for (const [i] of bySize) {
    if (utf8Bytes(insert(vals)) <= MAX_STATEMENT_BYTES) break;
    if (info.key.includes(info.columns[i]!)) continue;
    if (unquoteText(vals[i]!) === null) throw new Error(`${info.name}.${info.columns[i]}: a value too long for one statement that is not text`);
    vals[i] = "''";
    deferred.push(i);
  }
  const first = insert(vals);
  if (utf8Bytes(first) > MAX_STATEMENT_BYTES) throw new Error(`${info.name}: a row whose key columns alone are too long for one statement`);
  const where = info.key.map((k, j) => `${ident(k)} = ${keyLiterals[j]}`).join(" AND ");
  const out = [first];
  for (const i of deferred) {
    const col = ident(info.columns[i]!);
    for (const piece of pieces(unquoteText(values[i]!)!)) out.push(`UPDATE ${ident(info.name)} SET ${col} = ${col} || ${literal(piece)} WHERE ${where};`);
  }
  return out;
}

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
