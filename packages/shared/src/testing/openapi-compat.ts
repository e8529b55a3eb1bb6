/**
 * Whether a service's OpenAPI document only added to an earlier one ("the APIs answer the same: only additions").
 * `breakingChanges(before, after)` lists what a client written against `before` could trip over in `after`:
 * - an operation, a documented response status or a response media type that is gone;
 * - a parameter that is gone, or that became required, or a new required parameter or request body;
 * - in a request schema: a property that became required, an enum value no longer accepted, a type that changed;
 * - in a response schema: a property that is gone or no longer always present, a type that changed.
 * Unions (`anyOf`/`oneOf`) are compared branch by branch when both sides have the same number of branches; otherwise
 * only the union's existence is checked. Pure: runs in Node and workerd.
 */
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
};
type Content = Record<string, { schema?: Schema }>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Content }; responses?: Record<string, { content?: Content }> };
export interface OpenApiDoc {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

type Direction = "request" | "response";

class Comparer {
  readonly problems: string[] = [];
  private readonly seen = new Set<string>();
  constructor(
    private readonly before: OpenApiDoc,
    private readonly after: OpenApiDoc,
  ) {}

  private resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema | undefined {
    let s = schema;
    for (let hops = 0; s?.$ref && hops < 20; hops++) s = doc.components?.schemas?.[s.$ref.replace("#/components/schemas/", "")];
    if (!s?.allOf) return s;
    // allOf: the union of its parts' properties and requirements
    const parts = s.allOf.map((p) => this.resolve(doc, p) ?? {});
    return {
      ...s,
      allOf: undefined,
      properties: Object.assign({}, s.properties, ...parts.map((p) => p.properties ?? {})),
      required: [...(s.required ?? []), ...parts.flatMap((p) => p.required ?? [])],
    };
  }

  schema(at: string, b0: Schema | undefined, a0: Schema | undefined, dir: Direction, depth = 0): void {
    const b = this.resolve(this.before, b0);
    const a = this.resolve(this.after, a0);
    if (!b || depth > 12) return;
    const key = `${dir}|${at}|${JSON.stringify(b0)}|${JSON.stringify(a0)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (!a) return void this.problems.push(`${at}: the schema is gone`);
    const types = (s: Schema) => [s.type ?? []].flat().sort().join("|");
    if (b.type && a.type && types(b) !== types(a)) {
      // widening a request type (string -> string|null) still accepts the old values
      const widened = dir === "request" && [b.type].flat().every((t) => [a.type].flat().includes(t));
      if (!widened) this.problems.push(`${at}: type ${types(b)} became ${types(a)}`);
    }
    if (dir === "request" && b.enum && a.enum) {
      for (const v of b.enum)
        if (!a.enum.some((x) => JSON.stringify(x) === JSON.stringify(v))) this.problems.push(`${at}: ${JSON.stringify(v)} is no longer accepted`);
    }
    for (const union of ["anyOf", "oneOf"] as const) {
      const bs = b[union];
      const as = a[union];
      if (bs && as && bs.length === as.length) bs.forEach((s, i) => this.schema(`${at}/${union}/${i}`, s, as[i], dir, depth + 1));
    }
    const beforeRequired = new Set(b.required ?? []);
    const afterRequired = new Set(a.required ?? []);
    if (dir === "request") {
      for (const name of afterRequired) if (!beforeRequired.has(name)) this.problems.push(`${at}: property "${name}" became required`);
    } else {
      for (const name of beforeRequired) if (!afterRequired.has(name)) this.problems.push(`${at}: property "${name}" is no longer always present`);
    }
    for (const [name, prop] of Object.entries(b.properties ?? {})) {
      const next = a.properties?.[name];
      if (!next) {
        // a request property that is gone is merely ignored when the schema still admits other properties
        if (dir === "response" || a.additionalProperties === false) this.problems.push(`${at}: property "${name}" is gone`);
        continue;
      }
      this.schema(`${at}/${name}`, prop, next, dir, depth + 1);
    }
    if (b.items) this.schema(`${at}/items`, b.items, a.items, dir, depth + 1);
  }

  content(at: string, b: Content | undefined, a: Content | undefined, dir: Direction): void {
    for (const [type, media] of Object.entries(b ?? {})) {
      const next = a?.[type];
      if (!next) this.problems.push(`${at}: media type ${type} is gone`);
      else this.schema(`${at} ${type}`, media.schema, next.schema, dir);
    }
  }

  operation(id: string, b: Operation, a: Operation): void {
    const param = (list: Parameter[] | undefined, p: Parameter) => list?.find((x) => x.name === p.name && x.in === p.in);
    for (const p of b.parameters ?? []) {
      const next = param(a.parameters, p);
      if (!next) this.problems.push(`${id}: ${p.in} parameter "${p.name}" is gone`);
      else {
        if (!p.required && next.required) this.problems.push(`${id}: ${p.in} parameter "${p.name}" became required`);
        this.schema(`${id} ${p.in} "${p.name}"`, p.schema, next.schema, "request");
      }
    }
    for (const p of a.parameters ?? []) if (p.required && !param(b.parameters, p)) this.problems.push(`${id}: new required ${p.in} parameter "${p.name}"`);
    if (!b.requestBody && a.requestBody?.required) this.problems.push(`${id}: a request body became required`);
    if (b.requestBody) this.content(`${id} request`, b.requestBody.content, a.requestBody?.content, "request");
    for (const [status, res] of Object.entries(b.responses ?? {})) {
      const next = a.responses?.[status];
      if (!next) this.problems.push(`${id}: response ${status} is no longer documented`);
      else this.content(`${id} ${status}`, res.content, next.content, "response");
    }
  }
}

/** What in `after` breaks a client of `before`; empty when `after` only adds. */
export function breakingChanges(before: OpenApiDoc, after: OpenApiDoc): string[] {
  const cmp = new Comparer(before, after);
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id = `${method.toUpperCase()} ${path}`;
      const next = after.paths?.[path]?.[method];
      if (!next) cmp.problems.push(`${id}: the operation is gone`);
      else cmp.operation(id, op, next);
    }
  }
  return cmp.problems;
}
