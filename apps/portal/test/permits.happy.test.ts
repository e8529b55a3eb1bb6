import { describe, expect, it } from "vitest";
import { Browser, textOf } from "./helpers";
import { expiredPermit, publishOne } from "./services/catalogue";

describe("the public register and permit pages (no login)", () => {
  it("lists permits with organisation and validity, and shows an expired permit as expired, in Dutch and English", async () => {
    // a permit issued by the real workflow that ran from 1 March 2024 to 28 February 2025
    const permitId = await expiredPermit(await publishOne(2), ["Geen export van microdata"]);
    const b = new Browser();
    const register = await b.open("/register");
    expect(register.res.status).toBe(200);
    const text = textOf(register.html);
    expect(text).toContain("Openbaar register van vergunningen");
    expect(text).toContain(permitId);
    expect(text).toContain("Nivel");
    expect(text).toContain("Verlopen");
    const permit = textOf((await b.open(`/vergunningen/${permitId}`)).html);
    expect(permit).toContain("Deze vergunning is verlopen.");
    expect(permit).toContain("Geen export van microdata");
    expect(permit).toContain("1 maart 2024 tot en met 28 februari 2025");
    const en = textOf((await b.open(`/vergunningen/${permitId}?lang=en`)).html);
    expect(en).toContain("This permit has expired.");
    expect(en).toContain("Expired");
  });

  it("an unknown or malformed permit id is a 404 page", async () => {
    const b = new Browser();
    expect((await b.get("/vergunningen/EHDS-NL-2024-FFFFFFFF")).status).toBe(404);
    expect((await b.get("/vergunningen/%3Cscript%3E")).status).toBe(404);
  });
});
