// Drift on a real repository, for checks by hand at real size (nobody wrote its roadmap for the tests):
//   RL_REAL_REPO=/work/realrepos/commons-lang RL_REAL_DRIFT=1 \
//     node out/test/e2e/runCodeServer.js --mode trusted --phase ui --grep "real repository's drift"
// opens the folder and its roadmap.yaml, waits for the drift diagnostics in the Problems panel, and
// saves test-results/real-drift-editor.png and real-drift-problems.png. Skipped without the variables.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { openWorkbench, waitUntil, type Workbench } from './workbench';

describe("a real repository's drift, rendered", function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('lists drift findings of the real roadmap in the Problems panel and on the item ids', async function () {
    const repo = process.env['RL_REAL_REPO'];
    if (!repo || process.env['RL_REAL_DRIFT'] !== '1') this.skip();
    wb = await openWorkbench(repo);
    const opened = Date.now();
    const rows = await wb.openProblems();
    const drift = rows.filter({ hasText: /is in progress, but|closes it: mark it shipped/ });
    await waitUntil('a drift finding in the Problems panel', async () => (await drift.count()) > 0, 240_000);
    // Printed, not asserted: how long the findings took to show after the workbench opened.
    console.log(`      first drift finding shown ${Date.now() - opened} ms after the workbench opened`);
    const first = (await drift.first().innerText()).replace(/\s+/g, ' ');
    // The roadmap may be git-ignored (commons-lang's is), so Quick Open would not find it: the
    // Problems row opens it at the finding.
    await drift.first().dblclick();
    await wb.page.locator('.monaco-editor .squiggly-info').first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb.parkMouse();
    const badge = await wb.page
      .locator('.panel .composite-bar .badge-content')
      .first()
      .innerText()
      .catch(() => '?');
    console.log(`      Problems badge: ${badge}; first drift row: ${first}`);
    const shot = await wb.page.screenshot({
      path: path.join(process.cwd(), 'test-results', 'real-drift-problems.png'),
    });
    assert.ok(shot.length > 0);
  });
});
