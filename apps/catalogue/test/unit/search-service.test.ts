/**
 * The search service's caches and index refresh against an in-memory catalogue that stands in for D1 behind the
 * storage interface: the test decides when a read answers, so it can interleave a write with an index build.
 */
import { describe, expect, it } from "vitest";
import type { DatasetSummary, SearchQuery } from "@regie/shared/contracts/catalogue";
import type { IndexRow } from "../../src/search/search-index";
import type { DatasetsRepo } from "../../src/storage/datasets-repo";
import { runSearch, searchDatasets, searchIndex } from "../../src/search/service";
import { noteChange } from "../../src/search/version-cache";

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function row(ord: number, theme: string, title: string): IndexRow {
  return {
    ord,
    publisher_id: "p1",
    access_rights: "PUBLIC",
    modified: `2025-01-01T00:00:${String(ord).padStart(2, "0")}Z`,
    title_sort: title,
    min_age: null,
    max_age: null,
    temporal_start: null,
    temporal_end: null,
    individuals: null,
    facets: JSON.stringify({ theme: [theme], healthCategory: [], keyword: [], format: [], language: [], publisherName: "P1" }),
  };
}

/**
 * A catalogue in memory with D1's semantics as the service sees them: every write bumps `epoch:counter` and logs
 * the changed ordinals; every read sees the state at the moment it runs. `hold` makes the next full index read
 * wait (after it has read its state) until released.
 */
class MemoryCatalogue {
  readonly epoch = `t${crypto.randomUUID().slice(0, 8)}`;
  counter = 1;
  rows = new Map<number, IndexRow & { text: string }>();
  changes: { counter: number; ord: number }[] = [];
  holdNextIndexRead: Deferred | null = null;
  holdNextVersionRead: Deferred | null = null;
  fullReads = 0;

  get version() {
    return `${this.epoch}:${this.counter}`;
  }
  write(ord: number, theme: string | null, text = "") {
    if (theme === null) this.rows.delete(ord);
    else this.rows.set(ord, { ...row(ord, theme, `title ${ord}`), text });
    this.changes.push({ counter: this.counter, ord });
    this.counter++;
    noteChange();
  }
  summary(ord: number): DatasetSummary {
    const r = this.rows.get(ord)!;
    return { id: `d${ord}`, theme: (JSON.parse(r.facets) as { theme: string[] }).theme } as unknown as DatasetSummary;
  }
}

/** The catalogue behind the storage interface the search service uses. */
function repoOf(self: MemoryCatalogue): DatasetsRepo {
  const impl = {
    async version() {
      const v = self.version;
      const hold = self.holdNextVersionRead;
      self.holdNextVersionRead = null;
      if (hold) await hold.promise;
      return v;
    },
    async indexRows() {
      self.fullReads++;
      const snapshot = { version: self.version, rows: [...self.rows.values()].map(({ text: _, ...r }) => r) };
      const hold = self.holdNextIndexRead;
      self.holdNextIndexRead = null;
      if (hold) await hold.promise;
      return snapshot;
    },
    async indexChanges(since: string, limit: number) {
      const [epoch, counter] = since.split(":");
      if (epoch !== self.epoch) return null;
      const ords = [...new Set(self.changes.filter((c) => c.counter >= Number(counter)).map((c) => c.ord))];
      if (ords.length > limit) return null;
      const rows = ords.flatMap((o) => {
        const r = self.rows.get(o);
        if (!r) return [];
        const { text: _, ...indexRow } = r;
        return [indexRow];
      });
      return { version: self.version, rows, deleted: ords.filter((o) => !self.rows.has(o)) };
    },
    async textSearch(match: string) {
      const word = match.replace(/["*]/g, "");
      return [...self.rows.values()].filter((r) => r.text.includes(word)).map((r) => r.ord);
    },
    async rankedText(match: string) {
      return { version: self.version, ords: await impl.textSearch(match) };
    },
    async summaries(ords: number[]) {
      return ords.filter((o) => self.rows.has(o)).map((o) => self.summary(o));
    },
    async summariesAt(ords: number[]) {
      return { version: self.version, items: await impl.summaries(ords) };
    },
  };
  return impl as unknown as DatasetsRepo;
}

const page = { offset: 0, limit: 20 };
const themes = async (repo: DatasetsRepo, query: Record<string, unknown> = {}) => {
  const body = JSON.parse(await searchDatasets(repo, query, page)) as { total: number; items: { id: string; theme: string[] }[] };
  return { total: body.total, items: body.items.map((i) => `${i.id}:${i.theme.join(",")}`) };
};

describe("search service: a write during an index build", () => {
  it("a search that starts after the write never gets (or caches) the answer of the older build", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    cat.write(1, "HEAL");
    cat.write(2, "HEAL");
    const hold = deferred();
    cat.holdNextIndexRead = hold;
    // A search starts a build of the index at the current version; the build's read is held.
    const before = themes(repo, { theme: ["HEAL"] });
    await new Promise((r) => setTimeout(r, 0));
    // A write lands while the build is running, then a search for the new version arrives.
    cat.write(2, "EDUC");
    const after = themes(repo, { theme: ["HEAL"] });
    await new Promise((r) => setTimeout(r, 0));
    hold.resolve();
    expect(await after).toEqual({ total: 1, items: ["d1:HEAL"] });
    // the first search overlapped the write: either answer is right, a mix of the two is not
    expect([JSON.stringify({ total: 2, items: ["d2:HEAL", "d1:HEAL"] }), JSON.stringify({ total: 1, items: ["d1:HEAL"] })]).toContain(
      JSON.stringify(await before),
    );
    // and the answer cached for the new version is the new one
    expect(await themes(repo, { theme: ["HEAL"] })).toEqual({ total: 1, items: ["d1:HEAL"] });
    expect(await themes(repo, { theme: ["EDUC"] })).toEqual({ total: 1, items: ["d2:EDUC"] });
  });

  it("an index build that started before the caller saw its version is not handed to it when it is older", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    cat.write(1, "HEAL");
    const hold = deferred();
    cat.holdNextIndexRead = hold;
    const early = searchIndex(repo);
    await new Promise((r) => setTimeout(r, 0));
    cat.write(2, "HEAL");
    const late = searchIndex(repo);
    await new Promise((r) => setTimeout(r, 0));
    hold.resolve();
    expect((await early).count).toBe(1);
    expect((await late).version).toBe(cat.version);
    expect((await late).count).toBe(2);
  });

  it("full-text hits from a newer version than the index run the search again at that version", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    cat.write(1, "HEAL", "diabetes");
    cat.write(2, "HEAL", "asthma");
    const seen = cat.version;
    await searchIndex(repo, seen);
    // d2 gets new text and a new theme in one write; a caller that still saw the older version searches
    cat.write(2, "EDUC", "diabetes asthma");
    const run = await runSearch(repo, { q: "diabetes", theme: ["HEAL"] } as SearchQuery, page, seen);
    expect(run.version).toBe(cat.version);
    expect(run.page.total).toBe(1);
    expect(run.page.ords).toEqual([1]);
  });

  it("full-text hits are cached only with the index they were ranked against", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    cat.write(1, "HEAL", "diabetes");
    cat.write(2, "HEAL", "asthma");
    const hold = deferred();
    cat.holdNextIndexRead = hold;
    const before = themes(repo, { q: "diabetes" });
    await new Promise((r) => setTimeout(r, 0));
    cat.write(2, "HEAL", "diabetes asthma");
    const after = themes(repo, { q: "diabetes" });
    await new Promise((r) => setTimeout(r, 0));
    hold.resolve();
    await before;
    expect((await after).total).toBe(2);
    expect((await themes(repo, { q: "diabetes" })).total).toBe(2);
  });
});

describe("search service: the version read", () => {
  it("a version read that was under way during a write is not remembered, so the next search sees the write", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    cat.write(1, "HEAL");
    expect(await themes(repo, { theme: ["HEAL"] })).toEqual({ total: 1, items: ["d1:HEAL"] });
    noteChange(); // e.g. a write that failed: the remembered version is forgotten, the catalogue is unchanged
    const hold = deferred();
    cat.holdNextVersionRead = hold;
    const overlapping = themes(repo, { theme: ["HEAL"] });
    await new Promise((r) => setTimeout(r, 0));
    cat.write(2, "HEAL");
    hold.resolve();
    // it overlapped the write, so either answer is right for it
    expect([1, 2]).toContain((await overlapping).total);
    expect(await themes(repo, { theme: ["HEAL"] })).toEqual({ total: 2, items: ["d2:HEAL", "d1:HEAL"] });
  });
});

describe("search service: the index follows writes", () => {
  it("applies a small change without reading the whole catalogue again, and sees updates and deletions", async () => {
    const cat = new MemoryCatalogue();
    const repo = repoOf(cat);
    for (let ord = 1; ord <= 10; ord++) cat.write(ord, ord % 2 ? "HEAL" : "EDUC", `word${ord}`);
    expect((await themes(repo, { theme: ["HEAL"] })).total).toBe(5);
    const full = cat.fullReads;
    cat.write(3, "EDUC", "word3");
    cat.write(4, null);
    cat.write(11, "HEAL", "word11 fresh");
    expect(await themes(repo, { theme: ["EDUC"] })).toMatchObject({ total: 5 });
    expect((await themes(repo, { theme: ["HEAL"] })).items).toEqual(["d11:HEAL", "d9:HEAL", "d7:HEAL", "d5:HEAL", "d1:HEAL"]);
    expect(await themes(repo, { q: "fresh" })).toEqual({ total: 1, items: ["d11:HEAL"] });
    expect(cat.fullReads).toBe(full);
  });
});

describe("search service: the page read with the full-text hits", () => {
  const withPage = (cat: MemoryCatalogue, pageOf: (ords: number[], page: { offset: number; limit: number }) => number[]) => {
    const repo = repoOf(cat) as unknown as Record<string, unknown>;
    const asked: unknown[] = [];
    repo.rankedText = async (match: string, page?: { filter: string; offset: number; limit: number }) => {
      asked.push(page);
      const word = match.replace(/["*]/g, "");
      const ords = [...cat.rows.values()].filter((r) => r.text.includes(word)).map((r) => r.ord);
      if (!page) return { version: cat.version, ords };
      const chosen = pageOf(ords, page);
      return { version: cat.version, ords, page: { ords: chosen, items: chosen.map((o) => ({ ...cat.summary(o), fromHits: true })) } };
    };
    return { repo: repo as unknown as DatasetsRepo, asked };
  };
  const fill = (cat: MemoryCatalogue) => {
    for (let o = 1; o <= 6; o++) cat.write(o, o % 2 ? "HEAL" : "EDUC", "lung");
  };

  it("is used when it is the page the index computed, and only in relevance order", async () => {
    const cat = new MemoryCatalogue();
    fill(cat);
    const { repo, asked } = withPage(cat, (ords, p) => ords.filter((o) => o % 2 === 1).slice(p.offset, p.offset + p.limit));
    const body = JSON.parse(await searchDatasets(repo, { q: "lung", theme: ["HEAL"] }, { offset: 1, limit: 1 })) as {
      items: { id: string; fromHits?: boolean }[];
    };
    expect(body.items).toEqual([{ id: "d3", theme: ["HEAL"], fromHits: true }]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ offset: 1, limit: 1 });
    // sorted by title: the hits are read without a page, summaries separately
    const byTitle = JSON.parse(await searchDatasets(repo, { q: "lung", theme: ["EDUC"], sort: "title" } as SearchQuery, { offset: 0, limit: 2 })) as {
      items: { id: string; fromHits?: boolean }[];
    };
    expect(byTitle.items).toEqual([
      { id: "d2", theme: ["EDUC"] },
      { id: "d4", theme: ["EDUC"] },
    ]);
  });

  it("is not used when it differs from the page the index computed: the summaries are read for that page", async () => {
    const cat = new MemoryCatalogue();
    fill(cat);
    // a page that ignores the filter
    const { repo } = withPage(cat, (ords, p) => ords.slice(p.offset, p.offset + p.limit));
    const body = JSON.parse(await searchDatasets(repo, { q: "lung", theme: ["HEAL"] }, { offset: 0, limit: 2 })) as {
      items: { id: string; fromHits?: boolean }[];
    };
    expect(body.items).toEqual([
      { id: "d1", theme: ["HEAL"] },
      { id: "d3", theme: ["HEAL"] },
    ]);
  });
});
