// What the overview page reports after each draw: its real DOM (the cards and group headers it
// holds), its query and how long it took. The page could post anything, so the report is read
// field by field with bounds.

import { queryFromUnknown, type OverviewQuery } from '../../core/overview/overviewQuery';

/** The page reports the ids of the cards in its DOM; more than this would be a page gone wrong. */
const MAX_REPORTED_IDS = 2000;

/** What the page last said it drew: the real DOM, for tests and the bench. */
export interface OverviewPageState {
  readonly seq: number;
  readonly matched: number;
  readonly total: number;
  readonly groups: number;
  /** Ids of the cards in the page's DOM right now. */
  readonly cardIds: readonly string[];
  /** Titles of the group headers in the page's DOM right now. */
  readonly headers: readonly string[];
  readonly query: OverviewQuery;
  /** Milliseconds the page spent on its last update (search, filter or data), by its own clock. */
  readonly renderMs: number;
  /**
   * False while the page holds only the first part of the data (every item, the whys of its first
   * screen): a search by why is complete once this is true.
   */
  readonly complete: boolean;
  /** Wall-clock time (Date.now() on the page) of the last update's draw. */
  readonly drawnAt: number;
}

/** The page's `rendered` message as a state: unknown or malformed fields read as empty. */
export function overviewPageState(message: Record<string, unknown>): OverviewPageState {
  const strings = (x: unknown): string[] =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string').slice(0, MAX_REPORTED_IDS) : [];
  const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    seq: num(message['seq']),
    matched: num(message['matched']),
    total: num(message['total']),
    groups: num(message['groups']),
    cardIds: strings(message['cardIds']),
    headers: strings(message['headers']),
    query: queryFromUnknown(message['query']),
    renderMs: num(message['renderMs']),
    complete: message['complete'] !== false,
    drawnAt: num(message['drawnAt']),
  };
}
