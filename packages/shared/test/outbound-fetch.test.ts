import { describe, expect, it } from "vitest";
import { fetchOutbound, outboundUrlProblem } from "../src/http/outbound-fetch";

describe("outboundUrlProblem (the guard of pulled sources)", () => {
  it("allows public https hosts in both modes", () => {
    for (const mode of ["production", "development"] as const) {
      expect(outboundUrlProblem("https://zorgab.example.nl/fhir", mode)).toBeNull();
      expect(outboundUrlProblem("https://93.184.216.34/fhir", mode)).toBeNull();
      expect(outboundUrlProblem("https://[2606:2800:220:1::1]/fhir", mode)).toBeNull();
    }
  });

  it("refuses private, loopback, link-local, CGNAT and odd spellings of them in production", () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://10.1.2.3/",
      "https://172.16.0.1/",
      "https://192.168.1.1/",
      "https://169.254.169.254/latest",
      "https://100.64.0.1/",
      "https://0.0.0.0/",
      "https://2130706433/",
      "https://0x7f.1/",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[fe80::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://localhost/",
      "https://db.internal/",
      "https://printer.local/",
      "https://intranet/",
    ])
      expect(outboundUrlProblem(url, "production"), url).not.toBeNull();
  });

  it("allows http://localhost only in development; never user info or other schemes", () => {
    expect(outboundUrlProblem("http://127.0.0.1:8080/fhir", "development")).toBeNull();
    expect(outboundUrlProblem("http://localhost:8080/fhir", "development")).toBeNull();
    expect(outboundUrlProblem("http://127.0.0.1:8080/fhir", "production")).toMatch(/https/);
    expect(outboundUrlProblem("http://zorgab.example.nl/", "development")).toMatch(/https/);
    expect(outboundUrlProblem("https://u:p@zorgab.example.nl/", "production")).toMatch(/user information/);
    expect(outboundUrlProblem("file:///etc/passwd", "development")).toMatch(/scheme/);
    expect(outboundUrlProblem("not a url", "development")).toMatch(/absolute/);
  });
});

describe("fetchOutbound", () => {
  it("refuses a guarded URL without calling, never follows redirects, times out", async () => {
    let called = 0;
    const fetcher = (async () => {
      called++;
      return new Response(null, { status: 301, headers: { location: "http://169.254.169.254/" } });
    }) as typeof fetch;
    await expect(fetchOutbound("https://10.0.0.1/", { mode: "production", fetcher })).rejects.toThrow(/Refused/);
    expect(called).toBe(0);
    await expect(fetchOutbound("https://zorgab.example.nl/", { mode: "production", fetcher })).rejects.toThrow(/redirect/);
    const slow = ((_: unknown, init?: RequestInit) =>
      new Promise<Response>((_r, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)))) as typeof fetch;
    await expect(fetchOutbound("https://zorgab.example.nl/", { mode: "production", fetcher: slow, timeoutMs: 50 })).rejects.toThrow(/within 50 ms/);
  });
});
