-- Keyset paging of the DCAT export (catalog.ttl / catalog.jsonld): a page reached by number finds its first
-- ordinal by skipping entries of this narrow index (ordinal, modified) instead of whole rows with their documents;
-- pages reached through hydra:next seek straight to `ord > after`.
CREATE INDEX IF NOT EXISTS datasets_ord_modified ON datasets (ord, modified);
