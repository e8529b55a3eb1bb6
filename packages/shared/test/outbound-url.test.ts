import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOutboundUrl, isBlockedIPv4, isBlockedIPv6 } from "../src/http/outbound-url";

const allowed = (u: string, mode: "production" | "development" = "production") => checkOutboundUrl(u, mode).ok;

/** Public https endpoints: allowed in production. */
const PUBLIC_HTTPS = [
  "https://ehr.example.nl/fhir/notify",
  "https://93.184.216.34/hook",
  "https://[2606:4700::6810:85e5]/x",
  "https://zim.prf001.lsp.aorta-zorg.nl/otv/Subscription/312",
];

/** http, other schemes, user info and what is no URL: refused in production. */
const BAD_SCHEMES = [
  "http://ehr.example.nl/hook",
  "ftp://ehr.example.nl/",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "https://user:pw@ehr.example.nl/",
  "not a url",
  "",
];

/** Loopback, private, link-local and metadata addresses in every spelling: refused. */
const BLOCKED_HOSTS = [
  "https://127.0.0.1/",
  "https://127.1/",
  "https://0x7f.0.0.1/",
  "https://2130706433/",
  "https://0177.0.0.1/",
  "https://127.0.0.1./",
  "https://10.1.2.3/",
  "https://172.16.0.1/",
  "https://172.31.255.255/",
  "https://192.168.1.1/",
  "https://169.254.169.254/latest/meta-data",
  "https://100.64.0.1/",
  "https://0.0.0.0/",
  "https://224.0.0.1/",
  "https://255.255.255.255/",
  "https://[::1]/",
  "https://[::]/",
  "https://[fe80::1]/",
  "https://[fd00::1]/",
  "https://[fc00::1]/",
  "https://[::ffff:127.0.0.1]/",
  "https://[::ffff:10.0.0.1]/",
  "https://[::ffff:a9fe:a9fe]/",
  "https://[64:ff9b::a9fe:a9fe]/",
  "https://[2002:7f00:1::]/",
  "https://[ff02::1]/",
  "https://localhost/",
  "https://LOCALHOST./",
  "https://api.localhost/",
  "https://printer.local/",
  "https://metadata.google.internal/",
  "https://router.home.arpa/",
  "https://intranet/",
];

/** Development refuses these (what production refuses, and http anywhere but localhost). */
const REFUSED_IN_DEVELOPMENT = [
  "http://ehr.example.nl/",
  "http://10.0.0.1/",
  "https://10.0.0.1/",
  "https://169.254.169.254/",
  "http://127.0.0.2/",
  "https://user:pw@localhost/",
];

describe("checkOutboundUrl (SSRF guard)", () => {
  it.each(PUBLIC_HTTPS)("allows the public https endpoint %s in production", (u) => {
    expect(allowed(u), u).toBe(true);
  });

  it.each(BAD_SCHEMES)("refuses http, other schemes and user info in production: %s", (u) => {
    expect(allowed(u), u).toBe(false);
  });

  it.each(BLOCKED_HOSTS)("refuses loopback, private, link-local and metadata addresses in every spelling: %s", (u) => {
    expect(allowed(u), u).toBe(false);
  });

  it("development allows http(s) to localhost only, and otherwise refuses what production refuses", () => {
    for (const u of ["http://localhost:9000/hook", "http://127.0.0.1:9000/hook", "http://[::1]:9000/", "https://localhost/"])
      expect(allowed(u, "development"), u).toBe(true);
    for (const u of ["http://localhost:9000/hook", "http://127.0.0.1:9000/hook"]) expect(allowed(u, "production"), u).toBe(false);
    for (const u of REFUSED_IN_DEVELOPMENT) expect(allowed(u, "development"), u).toBe(false);
  });

  it("gives a reason that names what is wrong, never echoing the URL", () => {
    const v = checkOutboundUrl("https://192.168.0.10/secret-path", "production");
    expect(v).toEqual({ ok: false, reason: "the host is a private, loopback or link-local address" });
    expect(checkOutboundUrl("http://ehr.example.nl/", "production")).toEqual({ ok: false, reason: "only https URLs are allowed" });
  });

  // ------------------------------------------------------------ properties

  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
  const privateV4 = fc.oneof(
    fc.tuple(octet, octet, octet).map(([a, b, c]) => `10.${a}.${b}.${c}`),
    fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
    fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([a, b, c]) => `172.${a}.${b}.${c}`),
    fc.tuple(octet, octet).map(([a, b]) => `192.168.${a}.${b}`),
    fc.tuple(octet, octet).map(([a, b]) => `169.254.${a}.${b}`),
    fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([a, b, c]) => `100.${a}.${b}.${c}`),
  );

  it("property: no private, loopback or link-local IPv4 passes in production, whatever its spelling (dotted, decimal, hex, IPv4-mapped IPv6)", () => {
    fc.assert(
      fc.property(privateV4, fc.constantFrom("https", "http"), fc.option(fc.integer({ min: 1, max: 65535 })), fc.webPath(), (ip, scheme, port, path) => {
        const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
        const hex = ip.split(".").map((o) => Number(o).toString(16).padStart(2, "0"));
        const spellings = [ip, String(n), "0x" + n.toString(16), `[::ffff:${ip}]`, `[::ffff:${hex[0]}${hex[1]}:${hex[2]}${hex[3]}]`];
        for (const host of spellings) {
          const u = `${scheme}://${host}${port === null ? "" : ":" + port}${path}`;
          expect(checkOutboundUrl(u, "production").ok, u).toBe(false);
        }
      }),
    );
  });

  it("property: an address is refused exactly when it lies in a blocked range, and the URL check agrees with the address check", () => {
    fc.assert(
      fc.property(ipv4, (ip) => {
        const verdict = checkOutboundUrl(`https://${ip}/hook`, "production").ok;
        expect(verdict).toBe(!isBlockedIPv4(ip));
        expect(checkOutboundUrl(`https://[::ffff:${ip}]/hook`, "production").ok).toBe(verdict);
      }),
    );
  });

  it("property: production never allows plain http, and development allows nothing production refuses except localhost", () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (u) => {
        const prod = checkOutboundUrl(u, "production");
        if (prod.ok) expect(prod.url.protocol).toBe("https:");
        const dev = checkOutboundUrl(u, "development");
        if (dev.ok && !prod.ok) expect(["localhost", "127.0.0.1", "[::1]"]).toContain(dev.url.hostname);
      }),
    );
  });

  it("property: every IPv6 address in fe80::/10, fc00::/7 or ff00::/8 is refused", () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16));
    fc.assert(
      fc.property(fc.constantFrom(0xfe80, 0xfebf, 0xfc00, 0xfdff, 0xff00, 0xff02), fc.array(group, { minLength: 7, maxLength: 7 }), (first, rest) => {
        const ip = [first.toString(16), ...rest].join(":");
        expect(isBlockedIPv6(ip)).toBe(true);
        expect(checkOutboundUrl(`https://[${ip}]/`, "production").ok).toBe(false);
      }),
    );
  });
});
