/**
 * The one JSON logger of every Regie worker: one line per event, on stderr (console.error), every string
 * value with BSN-shaped runs of nine digits replaced by "[redacted]". It takes only flat fields of
 * strings, numbers, booleans and lists of strings, so no request or response body, query or header object can
 * be logged.
 */
export type LogLevel = "error" | "warn" | "info";
export type LogFields = Record<string, string | number | boolean | null | undefined | readonly string[]>;

const BSN_LIKE = /\d{9}/g;

/** The text with every run of nine digits (a possible BSN) replaced by "[redacted]". */
export function redact(text: string): string {
  return text.replace(BSN_LIKE, "[redacted]");
}

/** What of an error may be logged: its name and its message with BSNs redacted; never its stack. */
export function errorFields(err: unknown): { error: string | undefined; message: string | undefined } {
  const e = err as Error | undefined;
  const message = e?.message;
  return { error: e?.name, message: message === undefined || message === null ? undefined : redact(String(message)) };
}

function line(level: LogLevel, msg: string, fields: LogFields): string {
  const out: Record<string, unknown> = { level, msg: redact(msg) };
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === "string" ? redact(v) : Array.isArray(v) ? v.map((s) => redact(String(s))) : v;
  return JSON.stringify(out);
}

export const logger = {
  error(msg: string, fields: LogFields = {}): void {
    console.error(line("error", msg, fields));
  },
  warn(msg: string, fields: LogFields = {}): void {
    console.error(line("warn", msg, fields));
  },
  info(msg: string, fields: LogFields = {}): void {
    console.log(line("info", msg, fields));
  },
};
