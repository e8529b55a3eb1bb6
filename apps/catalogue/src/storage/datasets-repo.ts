/** The datasets' D1 storage, one module per job in ./datasets/ (the repository class: ./datasets/repo.ts). */
export { DatasetsRepo } from "./datasets/repo";
export type { StoredRef } from "./datasets/refs";
export { CHANGE_LOG_VERSIONS } from "./datasets/version";
export { inPositionOrder, type RankedText } from "./ranked-text";
