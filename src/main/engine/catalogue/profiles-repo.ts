import type { Database } from 'better-sqlite3';
import type { Profile } from '../../../shared/catalogue';
import { MotifError } from '../../../shared/errors';

interface ProfileRow {
  id: number;
  name: string;
  created_at: string;
}

const toProfile = (row: ProfileRow): Profile => ({ id: row.id, name: row.name, createdAt: row.created_at });

export class ProfilesRepo {
  constructor(private readonly db: Database) {}

  list(): Profile[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY id').all() as ProfileRow[]).map(toProfile);
  }

  create(name: string): Profile {
    const existing = this.db.prepare('SELECT id FROM profiles WHERE name = ?').get(name);
    if (existing) throw new MotifError('conflict', `A profile named "${name}" already exists.`);
    const info = this.db.prepare('INSERT INTO profiles(name) VALUES (?)').run(name);
    return toProfile(this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(info.lastInsertRowid) as ProfileRow);
  }
}
