-- Schema version 4: no index of mentions by their text. Since version 3 the
-- per-document summaries (`doc_forms`, indexed by text) answer every lookup
-- of a name as written, so the index of version 2 was only written, never
-- read: dropping it saves the writer a random insert per mention and the
-- record about 3% of its size.
DROP INDEX IF EXISTS mentions_by_text;
