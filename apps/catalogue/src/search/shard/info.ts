/** What an index shard reports about itself (IndexShard.info(), GET /dev/search-shards) and about its last full build. */
export interface BuildStats {
  rows: number;
  pages: number;
  /** wall time of the whole build, and its parts: waiting for D1 pages (not overlapped with writing), writing, optimize, packing */
  ms: number;
  readWaitMs: number;
  writeMs: number;
  optimizeMs: number;
  packMs: number;
  /** terms whose postings the build packed (./packed.ts) */
  packedTerms: number;
  /** the largest page, rows and (estimated) bytes of its text and facet values */
  maxPageRows: number;
  maxPageBytes: number;
  /** -1, or the ordinal after which a build cut off went on */
  resumedAfter: number;
  at: string;
}

export interface ShardInfo {
  shard: number;
  rows: number;
  /** counted bytes of the in-memory search structures (./state.ts bytes()) */
  bytes: number;
  textCacheBytes: number;
  sqliteBytes: number;
  lastBuild: BuildStats | null;
  version: string;
}
