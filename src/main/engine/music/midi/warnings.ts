/**
 * Collects what the reader repaired or ignored. Repeats of one kind of problem (per track) are
 * counted into one message naming the first byte offset, so a broken file cannot produce an
 * unbounded list.
 */
export class WarningLog {
  private readonly entries = new Map<string, { message: string; offset: number; count: number }>();
  private static readonly MAX_KINDS = 200;
  private dropped = 0;

  add(key: string, message: string, offset: number): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    if (this.entries.size >= WarningLog.MAX_KINDS) {
      this.dropped += 1;
      return;
    }
    this.entries.set(key, { message, offset, count: 1 });
  }

  /** The warnings in byte order. */
  toStrings(): string[] {
    const out: string[] = [];
    const entries = [...this.entries.values()].sort((a, b) => a.offset - b.offset);
    for (const { message, offset, count } of entries) {
      out.push(count === 1 ? `${message} (byte ${offset})` : `${message} (${count} times, first at byte ${offset})`);
    }
    if (this.dropped > 0) out.push(`${this.dropped} further warnings of other kinds not listed`);
    return out;
  }
}
