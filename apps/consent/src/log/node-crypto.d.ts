/** The part of node:crypto (workerd, nodejs_compat) the consent worker uses; @types/node is not in its globals. */
declare module "node:crypto" {
  interface Hash {
    update(data: string, inputEncoding: "utf8"): Hash;
    digest(encoding: "hex"): string;
  }
  export function createHash(algorithm: "sha256"): Hash;
}
