// What the overview panel posts to its page, built once per roadmap or work change and ahead of
// the page's `ready` (the panel asks as soon as it creates the webview, so the build overlaps the
// webview starting instead of following it). The entries go as column bytes (overviewCodec); a
// fresh page gets them in two parts: every entry with the whys of its first screen, then every
// why, so the first paint waits for less and the complete set follows at once.

import type * as vscode from 'vscode';
import {
  encodeOverviewEntries,
  encodeWhys,
  leadingEntries,
  OVERVIEW_CODEC_VERSION,
} from '../../core/overview/overviewCodec';
import type { OverviewQuery } from '../../core/overview/overviewQuery';
import type { OverviewDataSource, OverviewPageData } from './overviewDataSource';

/** More cards than any screen holds (a wide 4K panel shows about 60): their whys go first. */
const FIRST_SCREEN_ENTRIES = 300;

export interface OverviewDataMessage {
  readonly type: 'data';
  readonly seq: number;
  readonly codec: number;
  readonly product: string | null;
  readonly facets: OverviewPageData['facets'];
  readonly git: boolean;
  readonly coverage: OverviewPageData['coverage'];
  readonly unlinkedBranches: number | null;
  /** UTF-8 of `encodeOverviewEntries`. */
  readonly entries: Uint8Array;
  readonly total: number;
  /** The query the first part's leading entries were chosen by: a page without data yet starts with it. */
  readonly query: OverviewQuery;
}

export interface OverviewWhysMessage {
  readonly type: 'whys';
  readonly seq: number;
  /** UTF-8 of `encodeWhys`. */
  readonly whys: Uint8Array;
}

interface Prepared {
  readonly data: OverviewPageData;
  /** Every column, every why: what an update posts, and what tells a change from none. */
  readonly full: string;
  readonly side: string;
}

export class OverviewPageFeed {
  private prepared: Prepared | undefined;
  /** The last one built, kept across changes: its encoding is reused when the entries did not change. */
  private last: Prepared | undefined;
  /** What the page holds, to skip posting the same again. */
  private posted: { readonly full: string; readonly side: string } | undefined;
  private seq = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly source: OverviewDataSource) {}

  /** The roadmap or the work changed: the next post builds again. */
  invalidate(): void {
    this.prepared = undefined;
  }

  /** The number of the last `data` message (0 before any). */
  get postedSeq(): number {
    return this.seq;
  }

  /** The page was (re)loaded and holds nothing. */
  pageReset(): void {
    this.posted = undefined;
  }

  /** Builds what the next post needs, if not built yet (called early, while the webview starts). */
  prepare(folderUri: vscode.Uri | undefined): void {
    if (this.prepared) return;
    const data = this.source.pageData(folderUri);
    const last = this.last;
    this.prepared = this.last = {
      data,
      // The source hands back the same entries when a work change changed none of them.
      full: last?.data.entries === data.entries ? last.full : encodeOverviewEntries(data.entries),
      side: JSON.stringify([data.product, data.facets, data.git, data.coverage, data.unlinkedBranches]),
    };
  }

  /**
   * The messages that bring the page up to date, in order; none when it already holds this data.
   * A page that holds nothing yet gets two parts, the first with the whys of what `query` shows first.
   */
  messages(folderUri: vscode.Uri | undefined, query: OverviewQuery): (OverviewDataMessage | OverviewWhysMessage)[] {
    this.prepare(folderUri);
    const p = this.prepared as Prepared;
    if (this.posted && this.posted.full === p.full && this.posted.side === p.side) return [];
    const split = this.posted === undefined && p.data.entries.length > FIRST_SCREEN_ENTRIES;
    this.posted = { full: p.full, side: p.side };
    const seq = ++this.seq;
    const columns = split
      ? encodeOverviewEntries(p.data.entries, leadingEntries(p.data.entries, query, FIRST_SCREEN_ENTRIES))
      : p.full;
    const d = p.data;
    const data: OverviewDataMessage = {
      type: 'data',
      seq,
      codec: OVERVIEW_CODEC_VERSION,
      product: d.product,
      facets: d.facets,
      git: d.git,
      coverage: d.coverage,
      unlinkedBranches: d.unlinkedBranches,
      entries: this.encoder.encode(columns),
      total: d.entries.length,
      query,
    };
    if (!split) return [data];
    return [data, { type: 'whys', seq, whys: this.encoder.encode(encodeWhys(d.entries)) }];
  }
}
