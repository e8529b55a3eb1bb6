import { describe, expect, it } from "vitest";
import { CkanPackageSearchParams } from "@regie/shared/contracts/catalogue";
import { isSyncListing, parseSyncFilter } from "../../src/ckan/sync";
import { CkanQueryError } from "../../src/ckan/package";

describe("CKAN sync listing parameters", () => {
  it("reads ckanext-harvest's fq: ORed organizations, excluded ones, groups and a metadata_modified range", () => {
    const f = parseSyncFilter(
      ["organization:rivm OR organization:nivel -organization:cbs groups:HEAL metadata_modified:[2026-12-01T21:52:34.123456Z TO *]"],
      undefined,
    );
    expect(f).toEqual({
      organizations: ["rivm", "nivel"],
      excludeOrganizations: ["cbs"],
      groups: ["HEAL"],
      excludeGroups: [],
      modifiedFrom: "2026-12-01T21:52:34Z",
      modifiedTo: undefined,
      incremental: true,
    });
    expect(parseSyncFilter(["*:*"], "*:*")).toMatchObject({ organizations: [], incremental: false });
  });

  it("refuses what it cannot honour", () => {
    for (const fq of ["tags:x", "metadata_modified:[NOW-1DAY TO *]", "-metadata_modified:[* TO *]", "organization:a (foo)", "metadata_modified:2026"]) {
      expect(() => parseSyncFilter([fq], undefined), fq).toThrow(CkanQueryError);
    }
    expect(() => parseSyncFilter([], "diabetes")).toThrow(CkanQueryError);
  });

  it("is a sync listing for sort=id asc or a metadata_modified range, not otherwise", () => {
    expect(isSyncListing("id asc", [])).toBe(true);
    expect(isSyncListing("ID  ASC", [])).toBe(true);
    expect(isSyncListing(undefined, ["metadata_modified:[* TO *]"])).toBe(true);
    expect(isSyncListing("title_string asc", ["organization:rivm"])).toBe(false);
  });

  it("parses CKAN query strings with zod: repeated fq, defaults, caps, flags and bad numbers", () => {
    const ok = CkanPackageSearchParams.parse({ fq: ["a:b", "c:d"], rows: ["5000"], include_deleted: ["True"], "facet.field": ['["tags"]'] });
    expect(ok).toMatchObject({ fq: ["a:b", "c:d"], rows: 1000, start: 0, include_deleted: true, "facet.field": ["tags"] });
    const none = CkanPackageSearchParams.parse({});
    expect(none).toMatchObject({ fq: [], rows: 10, start: 0, "facet.field": [] });
    expect(none.include_deleted).toBeUndefined();
    for (const bad of [{ rows: ["-1"] }, { start: ["1e3"] }, { include_deleted: ["maybe"] }, { "facet.field": ["tags"] }]) {
      expect(CkanPackageSearchParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
