// The first load of a large roadmap takes seconds (a 10,000-item roadmap parses for 2–10 s). The
// commands that need a roadmap are offered in the palette when `roadmapLens.hasRoadmap` is set: it
// must be set from the moment discovery lists the files, not after the parse, and a command run
// before the parse ends must wait for it instead of saying there is no roadmap. A parser held
// shut makes "before the parse ends" a state, not a moment: nothing here depends on timing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { afterLoad } from '../../../src/commands/commandRegistry';
import { RoadmapModel } from '../../../src/roadmap/model/roadmapModel';
import { RoadmapParser } from '../../../src/roadmap/model/roadmapParser';
import type { ParsedRoadmapFile } from '../../../src/core/roadmap/roadmapTypes';
import { firstFolder, waitFor } from './support';

/** Parses inline; files whose name contains `held` only once `open()` was called. */
class HeldParser extends RoadmapParser {
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  asked = 0;

  constructor(private readonly held: string) {
    super(undefined);
  }

  override async parse(file: string, text: string): Promise<ParsedRoadmapFile> {
    this.asked++;
    if (file.includes(this.held)) await this.gate;
    return super.parse(file, text);
  }

  open(): void {
    this.release();
  }
}

describe('the first roadmap load', () => {
  it('knows the workspace has a roadmap before its files are parsed, and says it is ready after', async () => {
    const log = vscode.window.createOutputChannel('Roadmap Lens loading test', { log: true });
    // The sample has roadmap.yaml and roadmap/payments.yaml: the first is read, the second held.
    const parser = new HeldParser('payments');
    const model = new RoadmapModel(log, parser);
    try {
      const found = new Promise<void>((resolve) => model.onDidFindFiles(() => resolve()));
      let loaded = false;
      void model.whenLoaded().then(() => (loaded = true));
      assert.equal(model.hasFiles(), false, 'nothing is known before discovery');
      const started = model.start();
      await found;
      assert.equal(model.hasFiles(), true, 'hasRoadmap is known from discovery alone');
      // roadmap.yaml is read; payments.yaml waits in the parser.
      await waitFor('roadmap.yaml read', () => model.files().some((f) => f.path.endsWith('/roadmap.yaml')));
      assert.equal(model.ready, false);
      assert.equal(loaded, false, 'the first load has not ended');
      assert.deepEqual(model.roadmaps(), [], 'half a roadmap is not shown');
      assert.equal(model.allItems().length, 0);
      assert.equal(model.indexFor(firstFolder().uri), undefined);

      parser.open();
      await started;
      await model.whenLoaded();
      assert.equal(model.ready, true);
      assert.equal(model.hasFiles(), true);
      assert.ok(parser.asked > 0 && model.allItems().length > 0, 'the roadmap was parsed');
    } finally {
      parser.open();
      model.dispose();
      log.dispose();
    }
  });

  it('runs a command invoked before the first load only once the load has ended', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calls: unknown[][] = [];
    const handlers = afterLoad(() => gate, {
      openOverview: (...args: unknown[]) => {
        calls.push(args);
        return true;
      },
    });
    const result = handlers.openOverview('folder');
    // Let every queued callback run: the handler must still be waiting for the gate.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [], 'nothing ran before the load ended');
    open();
    assert.equal(await result, true, 'the handler result comes back');
    assert.deepEqual(calls, [['folder']]);
  });
});
