-- Schema version 2: what the query commands need.
-- * Every annotation row names the sentence it lies in (`sentence`, the
--   sentence's idx), so that facts join to their sentence without range scans.
-- * Dates carry their interval as day numbers (days since 1970-01-01, the
--   proleptic Gregorian calendar; `first_day` .. `last_day`, both included),
--   so that timelines sort and filter by interval at any precision.
-- * Sections name their parent section.
-- * `sentence_search` is the FTS5 index over sentence texts (rowid = the
--   sentence row's rowid); a trigger removes a sentence's entry with it.
ALTER TABLE sections ADD COLUMN parent INTEGER;
ALTER TABLE timexes ADD COLUMN sentence INTEGER;
ALTER TABLE timexes ADD COLUMN first_day INTEGER;
ALTER TABLE timexes ADD COLUMN last_day INTEGER;
ALTER TABLE mentions ADD COLUMN sentence INTEGER;
ALTER TABLE events ADD COLUMN sentence INTEGER;
ALTER TABLE events ADD COLUMN first_day INTEGER;
ALTER TABLE events ADD COLUMN last_day INTEGER;
ALTER TABLE measures ADD COLUMN sentence INTEGER;

CREATE INDEX sentences_by_start ON sentences (doc, start);

-- Fill the new columns of rows written under version 1.
UPDATE sections SET parent = (
    SELECT max(p.idx) FROM sections p
    WHERE p.doc = sections.doc AND p.idx < sections.idx AND p.level < sections.level);
UPDATE timexes SET sentence = (
    SELECT s.idx FROM sentences s
    WHERE s.doc = timexes.doc AND s.start <= timexes.start ORDER BY s.start DESC LIMIT 1);
UPDATE mentions SET sentence = (
    SELECT s.idx FROM sentences s
    WHERE s.doc = mentions.doc AND s.start <= mentions.start ORDER BY s.start DESC LIMIT 1);
UPDATE events SET sentence = (
    SELECT s.idx FROM sentences s
    WHERE s.doc = events.doc AND s.start <= events.trigger_start ORDER BY s.start DESC LIMIT 1);
UPDATE measures SET sentence = (
    SELECT s.idx FROM sentences s
    WHERE s.doc = measures.doc AND s.start <= measures.start ORDER BY s.start DESC LIMIT 1);

DROP INDEX timexes_by_time;
CREATE INDEX timexes_by_day ON timexes (first_day, last_day);
CREATE INDEX timexes_by_sentence ON timexes (doc, sentence);
CREATE INDEX mentions_by_sentence ON mentions (doc, sentence);
CREATE INDEX mentions_by_text ON mentions (text COLLATE NOCASE);
CREATE INDEX events_by_day ON events (first_day, last_day);
CREATE INDEX events_by_sentence ON events (doc, sentence);

CREATE VIRTUAL TABLE sentence_search USING fts5 (
    text,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO sentence_search (rowid, text)
    SELECT s.rowid, CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)
    FROM sentences s JOIN documents d ON d.id = s.doc;
CREATE TRIGGER sentences_forget AFTER DELETE ON sentences BEGIN
    DELETE FROM sentence_search WHERE rowid = old.rowid;
END;
