// A real repository in the real workbench, for checks by hand on code nobody wrote for the tests:
//   RL_REAL_REPO=/work/realrepos/commons-lang RL_REAL_FILE=src/main/java/org/apache/commons/lang3/StringUtils.java \
//     RL_REAL_LINE=540 RL_REAL_MIN_LENSES=2 node out/test/e2e/runCodeServer.js --mode trusted --phase ui --grep "real repository"
// opens the folder (it needs a roadmap: bench/realRoadmap.mjs writes one from the history), opens the
// file, waits for Roadmap Lens's lenses and saves test-results/real-repository.png. A method gets a lens
// only when some item explains its lines: pick a stretch where `roadmap-lens why FILE` lists several
// methods with items. Without the two variables it is skipped: the repository is not part of this project.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

describe('a real repository, rendered', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('shows a lens above each method of a real file (no language server for it)', async function () {
    const repo = process.env['RL_REAL_REPO'];
    const file = process.env['RL_REAL_FILE'];
    if (!repo || !file) this.skip();
    wb = await openWorkbench(repo);
    await wb.openFile(file);
    const lenses = wb.page.locator('.monaco-editor .codelens-decoration', { hasText: /\S/ });
    // Lenses are drawn only for the lines on screen: go to the stretch to look at first.
    const line = Number(process.env['RL_REAL_LINE'] ?? '0');
    if (line > 0) await wb.goTo(line, 1);
    const min = Number(process.env['RL_REAL_MIN_LENSES'] ?? '3');
    await waitUntil(`${min} lenses on screen in ${file}`, async () => (await lenses.count()) >= min, 240_000);
    const texts = await lenses.allInnerTexts();
    assert.ok(texts.length >= min, texts.join('\n'));
    await wb.parkMouse();
    const shot = await wb.page.screenshot({ path: path.join(process.cwd(), 'test-results', 'real-repository.png') });
    assert.ok(shot.length > 0);
    console.log(`      lenses shown: ${texts.length}\n        ${texts.join('\n        ')}`);
  });
});
