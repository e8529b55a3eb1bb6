/**
 * fast-check arbitraries for hostile input, shared by the apps' fuzz suites (apps/<app>/test/fuzz).
 * Test-only. Strings carry SQL and FTS5 syntax, unicode edge cases and sheer size; JSON values carry
 * huge numbers and deep nesting; `mutatedBody` breaks one field of a valid body at a time, so the
 * fuzzer gets past the first validation step and reaches the handlers.
 */
import fc from "fast-check";

/** Fragments that mean something to SQLite, FTS5, JSON paths, URLs or HTML. */
export const SYNTAX_FRAGMENTS = [
  '"',
  "'",
  "''",
  "*",
  "NEAR",
  "NEAR(a b, 2)",
  "OR",
  "AND",
  "NOT",
  "--",
  "/*",
  "*/",
  ";",
  "^",
  ":",
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  "title:",
  "col:x",
  "a OR b",
  '"unterminated',
  "x*",
  "* *",
  "-x",
  "+x",
  "NEAR/3",
  "%",
  "_",
  "\\",
  "\\\\",
  "\u0000",
  "\r\n",
  "\t",
  "'; DROP TABLE datasets; --",
  "' OR '1'='1",
  "1; SELECT * FROM sqlite_master",
  "$.a",
  "../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${7*7}",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "Infinity",
  "-0",
  "1e999",
  "999990007",
  "000000000",
  "١٢٣",
  "ＮＥＡＲ",
  "\u202Etxt.exe",
  "\uFEFF",
  "\uD800",
  "e\u0301",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "ß",
  "İ",
  "ǅ",
];

const fragment = fc.constantFrom(...SYNTAX_FRAGMENTS);

/** A string mixing syntax fragments, arbitrary unicode and occasionally a very long run. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(fragment, fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 8 })
      .map((parts) => parts.join(" ")),
  },
  { weight: 2, arbitrary: fragment },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 1_000, max: 20_000 })).map(([f, n]) => f.repeat(Math.ceil(n / Math.max(1, f.length)))) },
  { weight: 1, arbitrary: fc.constant("") },
);

/** Numbers that break naive code: huge, tiny, negative, fractional, beyond 2^53. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 1e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nesting `depth` levels deep (arrays or objects). */
export function deeplyNested(depth: number, kind: "array" | "object" = "array"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

/** Any JSON value, with hostile leaves and sometimes deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).chain((d) => fc.constantFrom(deeplyNested(d, "array"), deeplyNested(d, "object"))) },
);

/** Raw request bodies that are not (well-formed, reasonable) JSON. */
export const hostileRawBody: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "[",
    '{"a":',
    "null",
    "true",
    "0",
    "1e999",
    "-1e999",
    '"x"',
    '{"a":1,"a":2}',
    "\uFEFF{}",
    "[".repeat(100_000) + "]".repeat(100_000),
    '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000),
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    "NaN",
    "[1,2,",
    "\u0000",
  ),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown, mode: "replace" | "delete" | "extra"): unknown {
  if (path.length === 0)
    return mode === "replace"
      ? replacement
      : mode === "extra" && root && typeof root === "object" && !Array.isArray(root)
        ? { ...root, unexpected: replacement }
        : root;
  const clone: unknown = structuredClone(root);
  let node = clone as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mode === "delete") {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else if (mode === "extra") {
    const target = node[last];
    if (target && typeof target === "object" && !Array.isArray(target)) node[last] = { ...target, unexpected: replacement };
    else node[last] = replacement;
  } else node[last] = replacement;
  return clone;
}

/** A valid body with one field replaced by a hostile value, deleted, or given an unexpected sibling. */
export function mutatedBody(valid: unknown): fc.Arbitrary<unknown> {
  const all = paths(valid);
  return fc
    .tuple(
      fc.constantFrom(...all),
      hostileValue,
      fc.constantFrom("replace", "replace", "replace", "delete", "extra") as fc.Arbitrary<"replace" | "delete" | "extra">,
    )
    .map(([path, value, mode]) => setAt(valid, path, value, mode));
}

/** Any of: a mutated valid body, an arbitrary JSON value, a raw non-JSON string (marked by `raw`). */
export function hostileBody(valid: unknown): fc.Arbitrary<{ raw: string } | { json: unknown }> {
  return fc.oneof(
    { weight: 5, arbitrary: mutatedBody(valid).map((json) => ({ json })) },
    { weight: 2, arbitrary: hostileValue.map((json) => ({ json })) },
    { weight: 2, arbitrary: hostileRawBody.map((raw) => ({ raw })) },
  );
}

export function bodyText(b: { raw: string } | { json: unknown }): string {
  return "raw" in b ? b.raw : (JSON.stringify(b.json) ?? "null");
}

export interface ProblemCheck {
  ok: boolean;
  why?: string;
}

/**
 * The contract every answer to hostile input must keep: a 2xx, or a 4xx whose body is
 * application/problem+json with a matching `status` (on a FHIR path: an application/fhir+json OperationOutcome with
 * at least one error issue). Never a 5xx.
 */
export async function checkAnswer(res: Response): Promise<ProblemCheck> {
  const text = await res.text();
  if (res.status >= 500) return { ok: false, why: `status ${res.status}: ${text.slice(0, 300)}` };
  if (res.status >= 200 && res.status < 300) return { ok: true };
  if (res.status < 400) return { ok: true }; // redirects (portal forms)
  const type = res.headers.get("content-type") ?? "";
  if (type.startsWith("application/fhir+json")) {
    try {
      const body = JSON.parse(text) as { resourceType?: string; issue?: { severity?: string }[] };
      if (body.resourceType === "OperationOutcome" && body.issue?.some((i) => i.severity === "error" || i.severity === "fatal")) return { ok: true };
    } catch {
      // falls through to the report below
    }
    return { ok: false, why: `status ${res.status} with a FHIR body that is not an error OperationOutcome: ${text.slice(0, 200)}` };
  }
  if (!type.startsWith("application/problem+json")) return { ok: false, why: `status ${res.status} with content-type ${type}: ${text.slice(0, 200)}` };
  try {
    const body = JSON.parse(text) as { status?: number; type?: string; title?: string };
    if (body.status !== res.status || !body.type || !body.title)
      return { ok: false, why: `problem body does not match status ${res.status}: ${text.slice(0, 200)}` };
  } catch {
    return { ok: false, why: `problem body is not JSON: ${text.slice(0, 200)}` };
  }
  return { ok: true };
}

/** A problem body never echoes a BSN that was sent. */
export function leaksBsn(text: string, bsns: string[]): boolean {
  return bsns.some((b) => text.includes(b));
}

/** encodeURIComponent that survives lone surrogates (which it would throw on), for hostile path segments. */
export function uriComponent(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}
