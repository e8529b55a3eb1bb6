import { describe, expect, it } from "vitest";
import { ApiError } from "@regie/shared";
import { filterCohort } from "../../src/applications/cohort";

/** A stand-in for the CONSENT service binding that records what the catalogue sends. */
function fakeConsent(answer: (body: { bsns: string[]; permitApprovedAt: string }) => Response | Promise<Response>) {
  const calls: { url: string; auth: string | null; body: { bsns: string[]; permitApprovedAt: string } }[] = [];
  const fetcher = {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const body = (await req.json()) as { bsns: string[]; permitApprovedAt: string };
      calls.push({ url: req.url, auth: req.headers.get("authorization"), body });
      return answer(body);
    },
  } as unknown as Fetcher;
  return { fetcher, calls };
}

describe("cohort filter through the consent service", () => {
  it("sends the consent contract with the HDAB's token and returns its answer", async () => {
    const { fetcher, calls } = fakeConsent((b) => Response.json({ included: b.bsns.filter((x) => x !== "999990019"), excludedCount: 1 }));
    const out = await filterCohort(fetcher, "Bearer hdab-token", ["999990007", "999990019"], "2026-05-01T10:00:00Z");
    expect(out).toEqual({ included: ["999990007"], excludedCount: 1 });
    expect(calls).toEqual([
      {
        url: "https://consent.internal/v1/secondary-use/cohort-filter",
        auth: "Bearer hdab-token",
        body: { bsns: ["999990007", "999990019"], permitApprovedAt: "2026-05-01T10:00:00Z" },
      },
    ]);
  });

  it.each([
    ["an outage", () => new Response("down", { status: 503 }), 503],
    ["a crash", () => new Response("boom", { status: 500 }), 503],
    ["an unreadable answer", () => new Response("<html>", { status: 200 }), 503],
    ["a wrong shape", () => Response.json({ included: "all" }), 503],
    ["a refused token", () => new Response("no", { status: 401 }), 403],
    ["a refused cohort", () => new Response("bad", { status: 400 }), 400],
  ])("turns %s into a clean problem (%#)", async (_name, answer, status) => {
    const { fetcher } = fakeConsent(answer);
    const err = await filterCohort(fetcher, "Bearer t", ["999990007"], "2026-05-01T10:00:00Z").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(status);
    expect((err as ApiError).message).not.toContain("999990007");
  });

  it("a network failure is a 503", async () => {
    const fetcher = {
      fetch: async () => {
        throw new Error("connection refused");
      },
    } as unknown as Fetcher;
    const err = (await filterCohort(fetcher, "Bearer t", ["999990007"], "x").catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(503);
  });
});
