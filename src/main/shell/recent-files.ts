import fs from 'node:fs';

const LIMIT = 10;

/** The studio's own "Open Recent" list (the OS keeps its own through app.addRecentDocument). */
export class RecentFiles {
  private files: string[];

  constructor(private readonly file: string) {
    try {
      const saved: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      this.files = Array.isArray(saved) ? saved.filter((f): f is string => typeof f === 'string').slice(0, LIMIT) : [];
    } catch {
      this.files = [];
    }
  }

  list(): string[] {
    return this.files.filter((f) => fs.existsSync(f));
  }

  add(path: string): void {
    this.files = [path, ...this.files.filter((f) => f !== path)].slice(0, LIMIT);
    this.save();
  }

  clear(): void {
    this.files = [];
    this.save();
  }

  private save(): void {
    try {
      fs.writeFileSync(this.file, JSON.stringify(this.files));
    } catch {
      // A read-only data folder loses the list, nothing else.
    }
  }
}
