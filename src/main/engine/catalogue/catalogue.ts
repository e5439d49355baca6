import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { CatalogueHealth, CatalogueStats } from '../../../shared/catalogue';
import { JobsRepo } from './jobs-repo';
import { LibraryRepo } from './library-repo';
import { MediaRepo } from './media-repo';
import { ModelsRepo } from './models-repo';
import { openCatalogueDb, schemaVersion, type OpenOptions } from './open';
import { ProfilesRepo } from './profiles-repo';
import { RatingsRepo } from './ratings-repo';
import { EmbeddingsRepo } from './embeddings-repo';
import { StillsRepo } from './stills-repo';

/** The SQLite catalogue: one file in the data directory, with a repository per table group. */
export class Catalogue {
  readonly jobs: JobsRepo;
  readonly library: LibraryRepo;
  readonly media: MediaRepo;
  readonly models: ModelsRepo;
  readonly profiles: ProfilesRepo;
  readonly ratings: RatingsRepo;
  readonly stills: StillsRepo;
  readonly embeddings: EmbeddingsRepo;

  private constructor(
    readonly db: Database,
    readonly path: string,
  ) {
    this.jobs = new JobsRepo(db);
    this.library = new LibraryRepo(db);
    this.media = new MediaRepo(db);
    this.models = new ModelsRepo(db);
    this.profiles = new ProfilesRepo(db);
    this.ratings = new RatingsRepo(db);
    this.stills = new StillsRepo(db);
    this.embeddings = new EmbeddingsRepo(db);
  }

  static open(file: string, options: OpenOptions = {}): Catalogue {
    return new Catalogue(openCatalogueDb(file, options), file);
  }

  /** Full integrity check (slow on big catalogues: for `motif doctor`, not start-up). */
  health(): CatalogueHealth {
    const integrity = (this.db.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
      (row) => row.integrity_check,
    );
    return {
      path: this.path,
      schemaVersion: schemaVersion(this.db),
      integrity,
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      sizeBytes: fs.existsSync(this.path) ? fs.statSync(this.path).size : 0,
    };
  }

  stats(): CatalogueStats {
    const count = (table: string): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const itemsByKind = this.media.countByKind();
    return {
      items: Object.values(itemsByKind).reduce((a, b) => a + b, 0),
      itemsByKind,
      profiles: count('profiles'),
      ratings: count('ratings'),
      tags: count('tags'),
      modelVersions: this.models.count(),
      jobs: this.jobs.count(),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
