/**
 * Which row pages a virtualized table still has to fetch. Rows come in fixed-size pages; the table asks
 * for the pages that cover the visible range, fetches only those not cached or in flight, and keeps at
 * most `maxPages` pages (least recently used evicted) so a 1M-row file does not fill memory.
 */

export class PageCache<Row> {
  private readonly pages = new Map<number, readonly Row[]>();
  private readonly inflight = new Set<number>();

  constructor(
    readonly pageSize: number,
    readonly maxPages = 200,
  ) {
    if (!(pageSize >= 1)) throw new RangeError('pageSize must be at least 1');
  }

  /** Page indices covering rows [first, last] (inclusive) of a table of `rowCount` rows. */
  pagesFor(first: number, last: number, rowCount: number): number[] {
    if (rowCount <= 0 || last < first) return [];
    const lo = Math.max(0, Math.floor(Math.max(0, first) / this.pageSize));
    const hi = Math.floor(Math.min(rowCount - 1, last) / this.pageSize);
    const out: number[] = [];
    for (let p = lo; p <= hi; p++) out.push(p);
    return out;
  }

  /** Of the pages covering [first, last], those neither cached nor being fetched; marks them in flight. */
  claimMissing(first: number, last: number, rowCount: number): number[] {
    const missing = this.pagesFor(first, last, rowCount).filter((p) => !this.pages.has(p) && !this.inflight.has(p));
    for (const p of missing) this.inflight.add(p);
    return missing;
  }

  /** Stores a fetched page (and evicts the least recently used beyond `maxPages`). */
  store(page: number, rows: readonly Row[]): void {
    this.inflight.delete(page);
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  /** A fetch failed: the page may be asked for again. */
  release(page: number): void {
    this.inflight.delete(page);
  }

  /** The row, or undefined while its page is not loaded. Reading a page marks it recently used. */
  row(index: number): Row | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (rows === undefined) return undefined;
    return rows[index - page * this.pageSize];
  }

  /** Marks pages as recently used (call with the visible pages). */
  touch(pages: readonly number[]): void {
    for (const p of pages) {
      const rows = this.pages.get(p);
      if (rows !== undefined) {
        this.pages.delete(p);
        this.pages.set(p, rows);
      }
    }
  }

  get cachedPages(): number {
    return this.pages.size;
  }

  clear(): void {
    this.pages.clear();
    this.inflight.clear();
  }
}
