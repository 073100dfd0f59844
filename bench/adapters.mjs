// The bench's only contact with the product: each adapter calls the product's PUBLIC functions
// (bundled from src/ by productModules.mjs) and nothing else. When a function the bench needs is
// not exported (yet), the adapter throws NotMeasured with the reason, and the row says so.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export class NotMeasured extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'NotMeasured';
  }
}

/** The exports of module `name`, or NotMeasured with the loader's reason. */
export function need(product, name) {
  const mod = product.mods[name];
  if (mod === undefined) throw new NotMeasured(product.problems[name] ?? `module missing (${name})`);
  return mod;
}

function needExport(product, name, exportName) {
  const value = need(product, name)[exportName];
  if (value === undefined) throw new NotMeasured(`${name} exports no \`${exportName}\``);
  return value;
}

export function gitRunner(product, cwd) {
  const GitRunner = needExport(product, 'gitRunner', 'GitRunner');
  return new GitRunner({ cwd, isTrusted: () => true });
}

/** Load + validate + index, as the CLI does it (discovery, read, parse, cross-file checks), plus the matcher every later step uses. */
export async function loadRoadmapIndex(product, roadmapDir) {
  const loadRoadmap = needExport(product, 'loadRoadmap', 'loadRoadmap');
  const loaded = await loadRoadmap({ cwd: roadmapDir });
  void loaded.index.matcher;
  return loaded.index;
}

export function commitLinker(product, roadmapIndex) {
  const CommitLinker = needExport(product, 'commitLinks', 'CommitLinker');
  return new CommitLinker(roadmapIndex);
}

/** The `git log` fields the product's parser reads, for the raw-limit process. */
export function logFormatArgs(product) {
  const gitLogFormat = needExport(product, 'gitLogParser', 'gitLogFormat');
  const makeLogNonce = needExport(product, 'gitLogParser', 'makeLogNonce');
  const nonce = makeLogNonce();
  return ['-z', gitLogFormat(nonce)];
}

const repos = new Map();

/** One GitRepository per folder, opened once: the extension keeps it across builds and checkouts. */
async function openRepo(product, repoDir) {
  const GitRepository = needExport(product, 'gitRepository', 'GitRepository');
  if (!repos.has(repoDir)) repos.set(repoDir, await GitRepository.open(gitRunner(product, repoDir)));
  return repos.get(repoDir);
}

/** A cold commit index for HEAD: the product's buildIndexForHead (streams `git log` into the builder). */
export async function coldCommitIndex(product, repoDir, linker) {
  const buildIndexForHead = needExport(product, 'commitIndexService', 'buildIndexForHead');
  return buildIndexForHead(await openRepo(product, repoDir), linker);
}

/** Brings `index` up to HEAD with the product's updateIndexToHead; returns the index to use next. */
export async function updateCommitIndex(product, repoDir, index, linker) {
  const updateIndexToHead = needExport(product, 'commitIndexService', 'updateIndexToHead');
  const result = await updateIndexToHead(await openRepo(product, repoDir), index, linker);
  return result.index;
}

/**
 * Current-item detection after a checkout, with the product's detectCurrentWork (the repository
 * handle outlives checkouts, as in the extension). Returns a function giving the item id or undefined.
 */
export function currentItem(product, repoDir, roadmap) {
  const detectCurrentWork = needExport(product, 'currentWorkService', 'detectCurrentWork');
  const linker = commitLinker(product, roadmap);
  const git = gitRunner(product, repoDir);
  return async () => {
    const result = await detectCurrentWork(git, linker, { repo: await openRepo(product, repoDir) });
    return result.work.kind === 'item' ? result.work.itemId : undefined;
  };
}

/**
 * Warm attribution as the editor repeats it for lenses and hovers: the blame comes from the
 * BlameCache (keyed by HEAD, path and content hash), then attributeFile over the file's lines and
 * symbols with the commit index's references. `prime()` does the cold part once.
 */
export async function warmAttribution(product, repoDir, relPath, roadmap, commitIndex) {
  const { blameFile } = need(product, 'blameRunner');
  const { BlameCache, contentHash } = need(product, 'blameCache');
  const attributeFile = needExport(product, 'attribution', 'attributeFile');
  const symbolRanges = needExport(product, 'symbolRanges', 'symbolRanges');
  const runner = gitRunner(product, repoDir);
  const text = fs.readFileSync(path.join(repoDir, relPath), 'utf8');
  const head = (await runner.run(['rev-parse', 'HEAD'])).trim();
  const cache = new BlameCache();
  const commits = needExport(product, 'commitItemLinks', 'commitItemLinks')(commitIndex);
  let items = 0;
  return {
    note: 'blame from BlameCache + attributeFile (lines, symbols, commit refs)',
    async prime() {
      const outcome = await blameFile(runner, relPath);
      if (outcome.state !== 'ok') throw new Error(`blame: ${outcome.state}`);
      cache.set({ head, path: relPath, contentHash: contentHash(text) }, outcome.blame, outcome.blame.lineCount);
    },
    run() {
      const blame = cache.get({ head, path: relPath, contentHash: contentHash(text) });
      if (blame === undefined) throw new Error('blame cache missed');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const result = attributeFile({ lines, relPath, roadmap, blame, commits, symbols: symbolRanges(relPath, lines) });
      items = result.items.length;
      if (items === 0) throw new Error('attribution found no items');
    },
  };
}

export function serializeCommitIndex(index) {
  return index.serialize();
}

/** `bytes`: the file as read (a Buffer), since version 4 is binary. */
export function deserializeCommitIndex(product, bytes, linker) {
  const CommitIndex = needExport(product, 'commitIndex', 'CommitIndex');
  const result = CommitIndex.deserialize(bytes, linker);
  if (!result.ok) throw new Error(`persisted index did not load: ${result.reason}`);
  return result.index;
}

/** The CLI bundle, if it has a `why` command (asked through its own --help), or NotMeasured. */
export function cliWhy(root) {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new NotMeasured('dist/cli.js missing (build failed?)');
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  if (!/^\s+why\b/m.test(`${help.stdout}${help.stderr}`)) throw new NotMeasured('the CLI has no `why` command yet');
  return cli;
}
