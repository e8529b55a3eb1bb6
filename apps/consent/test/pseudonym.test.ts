import fc from "fast-check";
import { pseudonymise } from "@regie/shared";
import { describe, expect, it } from "vitest";
import { createPseudonymiser } from "../src/citizens/fast-pseudonym";

describe("fast synchronous pseudonymiser (cohort filter)", () => {
  it("gives exactly the WebCrypto pseudonym for any BSN-like input and several keys", async () => {
    for (const key of ["test-pseudonym-key-0123456789abcdef", "k".repeat(16), "a much longer key than sixty-four bytes, which HMAC hashes first: 0123456789"]) {
      const fast = createPseudonymiser(key);
      await fc.assert(
        fc.asyncProperty(fc.stringMatching(/^\d{9}$/), async (bsn) => fast(bsn) === (await pseudonymise(bsn, key))),
        { numRuns: 200 },
      );
    }
  });

  it("refuses short keys like pseudonymise does", () => {
    expect(() => createPseudonymiser("short")).toThrow();
  });
});
