// "One run at a time; a request during a run makes one more run after it." The work model's folder
// refresh and the drift model both need this: git events arrive in bursts, and a burst during a
// run must neither start a second run in parallel nor be lost (the run may have read the old state).

export class CoalescingRun {
  private running: Promise<void> | undefined;
  private again = false;

  /**
   * `body` is one run; `stopped` is asked before each extra run (a disposed owner runs no more).
   * `body` must not throw: report failures inside it (a throw would reject every waiting caller).
   */
  constructor(
    private readonly body: () => Promise<void>,
    private readonly stopped: () => boolean = () => false,
  ) {}

  /** Whether a run is in progress (a request now would be queued). */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The runs in progress (with any queued one), to wait for without asking for another. */
  get current(): Promise<void> | undefined {
    return this.running;
  }

  /** Starts a run, or queues one more after the current one; resolves when no run is left. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.body();
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
