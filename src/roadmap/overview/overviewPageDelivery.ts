// When the overview's data goes to its page. It is built and posted as soon as the panel exists,
// not after the page's `ready`: VS Code holds messages for a page that is still loading and hands
// them over once it has loaded, so the build and the transfer overlap the webview's start. VS Code
// also drops them when it sets the page's content twice while loading, so after the page's first
// `ready` a small `sync` follows them (messages keep their order): the page answers `synced` when
// it has the data, `resend` when it never will. Updates wait for that answer, so a page that lost
// the early data gets the two parts once, and not a whole update before them.

import type { OverviewPageFeed } from './overviewPageFeed';

export class OverviewPageDelivery {
  private live = false;
  /** `ready` messages from this page: a second one is the page reloaded, holding nothing. */
  private readyCount = 0;
  private earlyPosted = false;
  private syncing = false;
  private updateWanted = false;

  constructor(
    private readonly feed: OverviewPageFeed,
    /** Posts to the page (the panel's webview); the feed's messages come in the order to post them. */
    private readonly post: (message: object) => void,
    /** Builds and posts the feed's messages for the panel's folder and query. */
    private readonly messages: () => readonly object[],
    private readonly onError: (err: unknown) => void,
  ) {}

  /** A new page: its data is built and posted at once, ahead of its `ready`. */
  pageOpened(): void {
    this.live = true;
    setTimeout(() => {
      if (!this.live || this.readyCount > 0) return;
      this.update();
      this.earlyPosted = true;
    }, 0);
  }

  pageClosed(): void {
    this.live = false;
    this.readyCount = 0;
    this.earlyPosted = false;
    this.syncing = false;
    this.updateWanted = false;
    this.feed.pageReset();
  }

  /** Posts what the page lacks (nothing when it holds this data already). */
  update(): void {
    if (this.syncing) {
      this.updateWanted = true;
      return;
    }
    try {
      for (const m of this.messages()) this.post(m);
    } catch (err) {
      this.onError(err);
    }
  }

  /** The page's `ready`: its first load gets what was posted early; a reloaded page has nothing. */
  pageReady(): void {
    if (this.readyCount++ > 0 || !this.earlyPosted) {
      this.syncing = false;
      this.feed.pageReset();
      this.update();
      return;
    }
    this.syncing = true;
    this.post({ type: 'sync', seq: this.feed.postedSeq });
  }

  /** The page lacks the early data: it was dropped on the way. Both parts again. */
  resend(): void {
    this.syncing = false;
    this.updateWanted = false;
    this.feed.pageReset();
    this.update();
  }

  /** The page holds the early data: what changed since follows as an update. */
  synced(): void {
    this.syncing = false;
    if (this.updateWanted) {
      this.updateWanted = false;
      this.update();
    }
  }
}
