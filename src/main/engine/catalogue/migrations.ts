import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/**
 * Schema history. Each migration runs in its own transaction together with the bump of
 * `user_version`, so a crash mid-migration leaves the previous version intact. Append only.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'profiles, media items, tags, ratings, model versions, jobs, full-text search',
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );

        CREATE TABLE media_items (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('audio', 'midi', 'image', 'film')),
          path TEXT UNIQUE,
          content_hash TEXT,
          size INTEGER,
          mtime_ms INTEGER,
          title TEXT NOT NULL,
          metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
          added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX media_items_kind ON media_items(kind);
        CREATE INDEX media_items_hash ON media_items(content_hash);

        CREATE TABLE tags (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE
        );

        CREATE TABLE item_tags (
          item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
          tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
          source TEXT NOT NULL DEFAULT 'user',
          confidence REAL,
          PRIMARY KEY (item_id, tag_id)
        );
        CREATE INDEX item_tags_tag ON item_tags(tag_id);

        CREATE TABLE ratings (
          profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
          value REAL NOT NULL CHECK (value >= 0.5 AND value <= 5),
          rated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          PRIMARY KEY (profile_id, item_id)
        );
        CREATE INDEX ratings_item ON ratings(item_id);

        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
          params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
          progress TEXT CHECK (progress IS NULL OR json_valid(progress)),
          error TEXT,
          result TEXT CHECK (result IS NULL OR json_valid(result)),
          owner_pid INTEGER,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          started_at TEXT,
          finished_at TEXT
        );
        CREATE INDEX jobs_state ON jobs(state);

        CREATE TABLE model_versions (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          name TEXT NOT NULL,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          params TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
          data_hash TEXT NOT NULL,
          metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
          path TEXT NOT NULL,
          job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL
        );
        CREATE INDEX model_versions_kind ON model_versions(kind, created_at);

        -- Full-text search over titles and tags. The FTS row id is the media item id; triggers
        -- keep it in step with media_items and item_tags.
        CREATE VIRTUAL TABLE media_fts USING fts5(title, tags, tokenize = 'unicode61 remove_diacritics 2');

        CREATE TRIGGER media_items_ai AFTER INSERT ON media_items BEGIN
          INSERT INTO media_fts(rowid, title, tags) VALUES (new.id, new.title, '');
        END;
        CREATE TRIGGER media_items_au AFTER UPDATE OF title ON media_items BEGIN
          UPDATE media_fts SET title = new.title WHERE rowid = new.id;
        END;
        CREATE TRIGGER media_items_ad AFTER DELETE ON media_items BEGIN
          DELETE FROM media_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER item_tags_ai AFTER INSERT ON item_tags BEGIN
          UPDATE media_fts SET tags = (
            SELECT coalesce(group_concat(t.name, ' '), '') FROM item_tags it JOIN tags t ON t.id = it.tag_id
            WHERE it.item_id = new.item_id
          ) WHERE rowid = new.item_id;
        END;
        CREATE TRIGGER item_tags_ad AFTER DELETE ON item_tags BEGIN
          UPDATE media_fts SET tags = (
            SELECT coalesce(group_concat(t.name, ' '), '') FROM item_tags it JOIN tags t ON t.id = it.tag_id
            WHERE it.item_id = old.item_id
          ) WHERE rowid = old.item_id;
        END;

        INSERT INTO profiles(name) VALUES ('Me');
      `);
    },
  },
  {
    version: 2,
    description: 'library folders, missing flag, waveforms, play/skip signals, richer full-text search',
    up(db) {
      db.exec(`
        CREATE TABLE library_folders (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          last_scan_at TEXT
        );

        ALTER TABLE media_items ADD COLUMN missing INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1));
        ALTER TABLE media_items ADD COLUMN artist TEXT;
        ALTER TABLE media_items ADD COLUMN album TEXT;
        ALTER TABLE media_items ADD COLUMN duration_s REAL;
        CREATE INDEX media_items_missing ON media_items(missing);

        -- Peaks computed once at import: interleaved min/max per bucket, per channel, as float32.
        CREATE TABLE waveforms (
          item_id INTEGER PRIMARY KEY REFERENCES media_items(id) ON DELETE CASCADE,
          channels INTEGER NOT NULL,
          buckets INTEGER NOT NULL,
          duration_s REAL NOT NULL,
          sample_rate INTEGER NOT NULL,
          peaks BLOB NOT NULL
        );

        -- Implicit feedback (plays, skips) per profile.
        CREATE TABLE listening_events (
          id INTEGER PRIMARY KEY,
          profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('play', 'skip')),
          at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX listening_events_profile ON listening_events(profile_id, item_id);

        -- Search also covers artist, album and file name: rebuild the index with those columns.
        DROP TRIGGER media_items_ai;
        DROP TRIGGER media_items_au;
        DROP TRIGGER media_items_ad;
        DROP TRIGGER item_tags_ai;
        DROP TRIGGER item_tags_ad;
        DROP TABLE media_fts;
        CREATE VIRTUAL TABLE media_fts USING fts5(
          title, artist, album, file_name, tags, tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO media_fts(rowid, title, artist, album, file_name, tags)
          SELECT m.id, m.title, coalesce(m.artist, ''), coalesce(m.album, ''),
                 coalesce(replace(m.path, rtrim(m.path, replace(replace(m.path, '\\', '/'), '/', '')), ''), ''),
                 coalesce((SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id
                           WHERE it.item_id = m.id), '')
          FROM media_items m;

        CREATE TRIGGER media_items_ai AFTER INSERT ON media_items BEGIN
          INSERT INTO media_fts(rowid, title, artist, album, file_name, tags)
          VALUES (new.id, new.title, coalesce(new.artist, ''), coalesce(new.album, ''),
                  coalesce(replace(new.path, rtrim(new.path, replace(replace(new.path, '\\', '/'), '/', '')), ''), ''), '');
        END;
        CREATE TRIGGER media_items_au AFTER UPDATE OF title, artist, album, path ON media_items BEGIN
          UPDATE media_fts SET title = new.title, artist = coalesce(new.artist, ''), album = coalesce(new.album, ''),
            file_name = coalesce(replace(new.path, rtrim(new.path, replace(replace(new.path, '\\', '/'), '/', '')), ''), '')
          WHERE rowid = new.id;
        END;
        CREATE TRIGGER media_items_ad AFTER DELETE ON media_items BEGIN
          DELETE FROM media_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER item_tags_ai AFTER INSERT ON item_tags BEGIN
          UPDATE media_fts SET tags = (
            SELECT coalesce(group_concat(t.name, ' '), '') FROM item_tags it JOIN tags t ON t.id = it.tag_id
            WHERE it.item_id = new.item_id
          ) WHERE rowid = new.item_id;
        END;
        CREATE TRIGGER item_tags_ad AFTER DELETE ON item_tags BEGIN
          UPDATE media_fts SET tags = (
            SELECT coalesce(group_concat(t.name, ' '), '') FROM item_tags it JOIN tags t ON t.id = it.tag_id
            WHERE it.item_id = old.item_id
          ) WHERE rowid = old.item_id;
        END;
      `);
    },
  },
  {
    version: 3,
    description: 'items a profile said it is not interested in (Discover); title and artist sort indexes',
    up(db) {
      db.exec(`
        -- Browsing sorted by title or artist walks these (present items first), never a full sort.
        CREATE INDEX media_items_title ON media_items(missing, title COLLATE NOCASE);
        CREATE INDEX media_items_artist ON media_items(missing, artist COLLATE NOCASE);
        -- Covers Discover's per-item popularity (sum and count of ratings) without touching rows.
        DROP INDEX ratings_item;
        CREATE INDEX ratings_item_value ON ratings(item_id, value);
        CREATE TABLE dismissed_items (
          profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
          at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          PRIMARY KEY (profile_id, item_id)
        );
      `);
    },
  },
  {
    version: 4,
    description: 'stills lab: datasets of labelled catalogue images, and cached backbone embeddings',
    up(db) {
      db.exec(`
        CREATE TABLE stills_datasets (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          root TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE stills_dataset_items (
          dataset_id INTEGER NOT NULL REFERENCES stills_datasets(id) ON DELETE CASCADE,
          item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
          label TEXT NOT NULL CHECK (length(label) > 0),
          group_key TEXT,
          -- 'folder': from the class subfolder (a re-import may update it); 'user': edited in Motif (kept).
          label_source TEXT NOT NULL DEFAULT 'folder' CHECK (label_source IN ('folder', 'user')),
          PRIMARY KEY (dataset_id, item_id)
        );
        CREATE INDEX stills_dataset_items_item ON stills_dataset_items(item_id);
        CREATE INDEX stills_dataset_items_label ON stills_dataset_items(dataset_id, label);

        -- One float32 vector per (image content, backbone weights + cut, aspect policy).
        CREATE TABLE stills_embeddings (
          content_hash TEXT NOT NULL,
          backbone_id TEXT NOT NULL,
          aspect TEXT NOT NULL CHECK (aspect IN ('crop', 'pad')),
          dimension INTEGER NOT NULL CHECK (dimension > 0),
          vector BLOB NOT NULL CHECK (length(vector) = 4 * dimension),
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          PRIMARY KEY (content_hash, backbone_id, aspect)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 5,
    description: 'stills lab: class order and added classes per dataset, reviewed labels',
    up(db) {
      db.exec(`
        -- JSON array of labels in their natural order (e.g. shot scale), or NULL when unordered.
        ALTER TABLE stills_datasets ADD COLUMN class_order TEXT CHECK (class_order IS NULL OR json_valid(class_order));
        -- JSON array of classes added in Motif that no still carries yet.
        ALTER TABLE stills_datasets ADD COLUMN extra_classes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(extra_classes));
        -- When a person last confirmed or changed the label in Motif (NULL: never).
        ALTER TABLE stills_dataset_items ADD COLUMN reviewed_at TEXT;
        CREATE INDEX item_tags_source ON item_tags(source);
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
