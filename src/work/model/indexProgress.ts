// How a model shows that long work is running without drawing UI itself: the work model is given
// an IndexProgress by activate(), and the UI implements it (windowIndexProgress.ts shows it in the
// status bar's progress area).

export interface IndexProgress {
  /**
   * Shows `title` until `task` settles. `report` replaces the message shown with it; `cancel` is
   * called if the user cancels from the UI.
   */
  show<T>(title: string, cancel: () => void, task: (report: (message: string) => void) => Promise<T>): Promise<T>;
}
