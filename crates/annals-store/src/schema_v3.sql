-- Schema version 3: per-document summaries of each entity, so that an
-- entity's page reads one row per document instead of every mention.
-- They are filled when a document is written (`summarise` in lib.rs, from
-- the rows just written) and go with their document. Each is clustered by
-- what it is looked up by (WITHOUT ROWID), so that one entity's rows are
-- read in one run.
CREATE TABLE doc_entities (
    doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    link     TEXT NOT NULL,
    label    TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    iso      TEXT,
    cow      INTEGER,
    PRIMARY KEY (link, label, doc)
) WITHOUT ROWID;
CREATE INDEX doc_entities_by_doc ON doc_entities (doc);
CREATE INDEX doc_entities_by_nocase ON doc_entities (link COLLATE NOCASE);
-- How each entity is written, with counts.
CREATE TABLE doc_forms (
    doc  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    link TEXT NOT NULL,
    text TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (link, text, doc)
) WITHOUT ROWID;
CREATE INDEX doc_forms_by_doc ON doc_forms (doc);
CREATE INDEX doc_forms_by_text ON doc_forms (text COLLATE NOCASE);
-- Sentences that name both `a` and `b` (both orders are stored).
CREATE TABLE doc_pairs (
    doc       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    a         TEXT NOT NULL,
    b         TEXT NOT NULL,
    sentences INTEGER NOT NULL,
    PRIMARY KEY (a, b, doc)
) WITHOUT ROWID;
CREATE INDEX doc_pairs_by_doc ON doc_pairs (doc);
-- Events in which an actor is source or target.
CREATE TABLE doc_roles (
    doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    role  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (actor, role, doc)
) WITHOUT ROWID;
CREATE INDEX doc_roles_by_doc ON doc_roles (doc);
-- The earliest and the latest dated sentence of the document that names an
-- entity (`which` is 'first' or 'last'): the date expression's interval and
-- value, and the sentence.
CREATE TABLE doc_dated (
    doc       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    link      TEXT NOT NULL,
    which     TEXT NOT NULL CHECK (which IN ('first', 'last')),
    first_day INTEGER NOT NULL,
    last_day  INTEGER NOT NULL,
    value     TEXT NOT NULL,
    mod       TEXT,
    sentence  INTEGER NOT NULL,
    PRIMARY KEY (link, which, doc)
) WITHOUT ROWID;
CREATE INDEX doc_dated_by_doc ON doc_dated (doc);
