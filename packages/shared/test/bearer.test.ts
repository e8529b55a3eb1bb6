import { describe, expect, it } from "vitest";
import { bearerToken } from "../src/http/bearer";

describe("bearerToken", () => {
  it("reads the token of a Bearer header, whatever the case of the scheme", () => {
    expect(bearerToken("Bearer eyJ.abc-_~+/=.sig")).toBe("eyJ.abc-_~+/=.sig");
    expect(bearerToken("bearer abc ")).toBe("abc");
    expect(bearerToken("BEARER   abc")).toBe("abc");
  });

  it("gives nothing for an absent header, another scheme, no token, two tokens or characters outside RFC 6750", () => {
    for (const h of [undefined, null, "", "Basic dXNlcjpwdw==", "Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer a$b", "Bearerabc", "Bearer ä"]) {
      expect(bearerToken(h), String(h)).toBeUndefined();
    }
  });
});
