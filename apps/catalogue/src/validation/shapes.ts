/**
 * The official shapes, bundled as text (wrangler.jsonc `rules`: *.ttl are Text modules; the Node SHACL suite loads
 * them through a small plugin in vitest.shacl.config.ts). ./shapes/ holds byte-identical copies of the files in
 * standards/ (the workerd test pool cannot load Text modules from outside the app); test-shacl/validate.test.ts
 * fails when they drift apart. Which files make up a level follows
 * standards/healthdcat-ap-r8/validator-config.properties: the graph guard, the level's shapes with the DCAT-AP 3.0.1
 * shapes they build on, and the level's `_recommended` shapes (sh:Warning) on their own.
 */
import dcatAp from "./shapes/dcat-ap-3.0.1-shapes.ttl";
import nonPublic from "./shapes/non-public-shapes.ttl";
import nonPublicRecommended from "./shapes/non-public-shapes_recommended.ttl";
import publicShapes from "./shapes/public-shapes.ttl";
import publicRecommended from "./shapes/public-shapes_recommended.ttl";
import restricted from "./shapes/restricted-shapes.ttl";
import restrictedRecommended from "./shapes/restricted-shapes_recommended.ttl";
import graphGuard from "./shapes/graph-guard.ttl";
import type { AccessLevel } from "./levels";

export const SHAPE_FILES: Record<AccessLevel, { mandatory: string[]; recommended: string[] }> = {
  PUBLIC: { mandatory: [publicShapes, dcatAp], recommended: [publicRecommended] },
  RESTRICTED: { mandatory: [restricted, dcatAp], recommended: [restrictedRecommended] },
  NON_PUBLIC: { mandatory: [nonPublic, dcatAp], recommended: [nonPublicRecommended] },
};

export const GRAPH_GUARD_TTL: string = graphGuard;
