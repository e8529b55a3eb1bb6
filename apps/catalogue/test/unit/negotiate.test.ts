import { describe, expect, it } from "vitest";
import { negotiate } from "../../src/http/negotiate";

describe("content negotiation", () => {
  it.each([
    [undefined, "json"],
    ["application/json", "json"],
    ["text/turtle", "turtle"],
    ["application/ld+json", "jsonld"],
    ["*/*", "json"],
    ["text/*", "turtle"],
    ["application/json;q=0.2, application/ld+json;q=0.9", "jsonld"],
    ["text/html, text/turtle;q=0.1", "turtle"],
    ["application/xml", null],
    ["text/turtle;q=0", null],
  ])("%s -> %s", (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});
