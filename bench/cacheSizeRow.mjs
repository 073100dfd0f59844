// The cache-size row (issue #13: "cache on disk for a 100k-commit repository ≤ 2 × the size of the
// commit index alone"). In a clone of the 100,000-commit repository the CLI answers `why` for a
// spread of files, which writes what a clone's cache holds besides the commit index: the commit
// graph, blames and why-links. The row's figure is the most that folder can hold: the commit index
// (as the extension writes it, from the cold build above), the graph (as written here: it grows
// with history, not with use) and the blame and why-links folders at their size bounds (they are
// evicted to those, least recently used first). What the calls actually wrote is in the note.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliWhy, need } from './adapters.mjs';
import { runProcess } from './measure.mjs';

const CACHE_SIZE_MAX = 2;
/** Files `why` is asked about besides the typical ones and the large blame file. */
const SPREAD_FILES = 20;

const mb = (bytes) => bytes / 1e6;
const fmt = (n) => n.toLocaleString('en-US');

/** Bytes of the regular files under `dir` (0 when it does not exist). */
function bytesUnder(dir) {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(p);
    else if (entry.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

/** `deps`: rows.mjs's shared cold index build (its `serialized` is the commit index file's bytes). */
export function cacheSizeRow({ coldIndexes }) {
  return {
    id: 'cache-on-disk',
    what: (i) =>
      `repository cache on disk (\`.git/roadmap-lens/\`, at its bounds) for the ${fmt(i.repos.n2.commits)}-commit repository`,
    target: { text: `≤ ${CACHE_SIZE_MAX} × the commit index alone`, max: CACHE_SIZE_MAX },
    async measure(ctx) {
      const cli = cliWhy(ctx.root);
      const { BLAME_STORE_LIMITS } = need(ctx.product, 'blameStore');
      const { WHY_LINKS_LIMITS } = need(ctx.product, 'whyLinksStore');
      // Older products have no symbol store: nothing to add for them.
      const SYMBOL_STORE_LIMITS = ctx.product.mods.symbolStore?.SYMBOL_STORE_LIMITS ?? { maxBytes: 0 };
      const cold = (await coldIndexes(ctx)).n2;
      const indexBytes = Buffer.byteLength(cold.serialized);
      const source = ctx.inputs.repos.n2.dir;
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-cache-size-'));
      try {
        const dir = path.join(parent, 'repo');
        execFileSync('git', ['clone', '-q', '--local', source, dir], { stdio: 'ignore' });
        // The roadmap is untracked in the generated repository: copy it in, as a user's clone has it.
        for (const name of ['roadmap.yaml', 'roadmap']) {
          const from = path.join(source, name);
          if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, name), { recursive: true });
        }
        const tracked = execFileSync('git', ['-C', dir, 'ls-files', '-z'], { encoding: 'utf8', maxBuffer: 1 << 26 })
          .split('\0')
          .filter((f) => f && !f.startsWith('roadmap'));
        const step = Math.max(1, Math.floor(tracked.length / SPREAD_FILES));
        const files = new Set([
          ...(ctx.inputs.typical ?? []).map((t) => t.path),
          ctx.inputs.blame.n2.path,
          ...tracked.filter((_, k) => k % step === 0).slice(0, SPREAD_FILES),
        ]);
        const env = { ...process.env, XDG_CACHE_HOME: path.join(parent, 'xdg') };
        delete env.ROADMAP_LENS_TRACE;
        for (const f of files) await runProcess(process.execPath, [cli, 'why', f, '--json'], dir, env);
        const cache = path.join(dir, '.git', 'roadmap-lens');
        const graphBytes = fs.statSync(path.join(cache, 'commit-graph.bin')).size;
        const blameBytes = bytesUnder(path.join(cache, 'blame'));
        const whyLinksBytes = bytesUnder(path.join(cache, 'why-links'));
        const symbolBytes = bytesUnder(path.join(cache, 'symbols'));
        const worst =
          indexBytes +
          graphBytes +
          BLAME_STORE_LIMITS.maxBytes +
          WHY_LINKS_LIMITS.maxBytes +
          SYMBOL_STORE_LIMITS.maxBytes;
        const actual = indexBytes + bytesUnder(cache);
        return {
          median: mb(worst),
          limit: mb(indexBytes),
          ratio: worst / indexBytes,
          unit: 'MB',
          limitWhat: `the commit index file alone (${mb(indexBytes).toFixed(1)} MB, as the extension writes it)`,
          note:
            `at its bounds: commit index ${mb(indexBytes).toFixed(1)} MB + commit graph ${mb(graphBytes).toFixed(1)} MB + ` +
            `blames ≤ ${mb(BLAME_STORE_LIMITS.maxBytes).toFixed(1)} MB + why-links ≤ ${mb(WHY_LINKS_LIMITS.maxBytes).toFixed(1)} MB + ` +
            `symbols ≤ ${mb(SYMBOL_STORE_LIMITS.maxBytes).toFixed(1)} MB; ` +
            `after \`why\` on ${files.size} files: blames ${mb(blameBytes).toFixed(2)} MB, why-links ${mb(whyLinksBytes).toFixed(2)} MB, ` +
            `symbols ${mb(symbolBytes).toFixed(2)} MB, ` +
            `${mb(actual).toFixed(1)} MB in all (${(actual / indexBytes).toFixed(2)} × the index)`,
        };
      } finally {
        fs.rmSync(parent, { recursive: true, force: true });
      }
    },
  };
}
