import { describe, expect, it } from "vitest";
import { Browser } from "./helpers";

describe("over-long addresses get an error page, not a failed service call", () => {
  it("an application id of thousands of characters -> 404 page (found by the fuzz suite: it gave a 503)", async () => {
    const b = new Browser();
    expect((await b.login("researcher:researcher-anna")).status).toBe(303);
    const res = await b.get("/onderzoek/aanvragen/" + "%22".repeat(3000));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<html");
  });

  it("a search query longer than any real one -> 400 page", async () => {
    const res = await new Browser().get("/onderzoek?q=" + "kanker%20".repeat(600));
    expect(res.status).toBe(400);
  });

  it("an ordinary unknown id is still a 404 from the service", async () => {
    const b = await Browser.loggedIn("researcher:researcher-anna");
    expect((await b.get("/onderzoek/aanvragen/app-does-not-exist")).status).toBe(404);
  });
});
