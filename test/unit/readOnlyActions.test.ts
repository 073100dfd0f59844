import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { disableWhenReadOnly } from '../../src/roadmap/readOnlyActions';

describe('disableWhenReadOnly (quick fixes in a roadmap that cannot be edited)', () => {
  const actions = (): vscode.CodeAction[] =>
    [
      { title: 'Change target to 2026-03', edit: {}, isPreferred: true },
      { title: 'Run', command: { title: 'x', command: 'y' } },
    ] as unknown as vscode.CodeAction[];

  it('leaves the actions alone when the file can be written', () => {
    const list = actions();
    assert.deepEqual(disableWhenReadOnly(list, undefined), actions());
  });

  it('keeps them listed, without an edit or a command, disabled with the one-line reason', () => {
    const reason = 'e2e/roadmap:roadmap.yaml is a roadmap kept in git; Roadmap Lens cannot edit a git object.';
    const out = disableWhenReadOnly(actions(), reason);
    assert.deepEqual(
      out.map((a) => [a.title, a.edit, a.command, a.isPreferred, a.disabled?.reason]),
      [
        ['Change target to 2026-03', undefined, undefined, false, reason],
        ['Run', undefined, undefined, false, reason],
      ],
    );
  });
});
