-- Schema version 1 of the annals record. Offsets are UTF-8 byte offsets into
-- documents.text; every annotation row belongs to its document and goes with it.
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    title     TEXT,
    hash      TEXT NOT NULL,
    bytes     INTEGER NOT NULL,
    text      TEXT NOT NULL
);
CREATE TABLE sections (
    doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    level   INTEGER NOT NULL,
    heading TEXT,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE TABLE sentences (
    doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    section INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE TABLE timexes (
    doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tid      TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT NOT NULL,
    value    TEXT NOT NULL,
    mod      TEXT,
    edtf     TEXT,
    earliest TEXT,
    latest   TEXT,
    PRIMARY KEY (doc, tid)
);
CREATE INDEX timexes_by_time ON timexes (earliest, latest);
CREATE TABLE mentions (
    doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    mid      TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    label    TEXT NOT NULL,
    link     TEXT,
    metonymy INTEGER NOT NULL,
    iso      TEXT,
    cow      INTEGER,
    PRIMARY KEY (doc, mid)
);
CREATE INDEX mentions_by_link ON mentions (link);
CREATE TABLE events (
    doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    eid            TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    type           TEXT NOT NULL,
    mode           TEXT,
    cameo          TEXT NOT NULL,
    goldstein      REAL NOT NULL,
    date_value     TEXT,
    date_end       TEXT,
    date_mod       TEXT,
    location       TEXT,
    negated        INTEGER NOT NULL,
    hypothetical   INTEGER NOT NULL,
    same_as        TEXT,
    PRIMARY KEY (doc, eid)
);
CREATE INDEX events_by_type ON events (type);
CREATE TABLE event_actors (
    doc      INTEGER NOT NULL,
    eid      TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    PRIMARY KEY (doc, eid, role, position),
    FOREIGN KEY (doc, eid) REFERENCES events(doc, eid) ON DELETE CASCADE
);
CREATE INDEX event_actors_by_actor ON event_actors (actor);
CREATE TABLE measures (
    doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    qid            TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    amount         REAL NOT NULL,
    unit           TEXT NOT NULL,
    measure        TEXT NOT NULL,
    approx         TEXT,
    date_value     TEXT,
    date_end       TEXT,
    date_mod       TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    PRIMARY KEY (doc, qid)
);
CREATE INDEX measures_by_unit ON measures (unit);
