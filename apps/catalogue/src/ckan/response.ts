/** CKAN Action API envelopes: `{"help","success","result"}`, and errors as problem+json with CKAN's `success: false` and `error`. */
import { PROBLEM_CONTENT_TYPE, problemBody, type ErrorCode } from "@regie/shared";

const HELP = "https://docs.ckan.org/en/latest/api/index.html";

export function ckanError(code: ErrorCode, ckanType: string, message: string): Response {
  const body = { ...problemBody(code, message), help: HELP, success: false, error: { __type: ckanType, message } };
  return new Response(JSON.stringify(body), { status: body.status, headers: { "content-type": PROBLEM_CONTENT_TYPE } });
}

export const ok = (result: unknown) => ({ help: HELP, success: true, result });
