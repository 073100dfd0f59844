// Persists each folder's commit index: in the repository's cache (`.git/roadmap-lens/`, or its
// user-cache fallback: see RepoCache), where the CLI reads and writes the same file, else (no
// repository location given) in the extension's workspace storage. Writes are atomic
// (temp file, then rename) so a crash mid-write never leaves half a file; anything unreadable is
// reported to the caller, which rebuilds. The file is the index's binary form (commitIndexCodec),
// handed to the decoder as read: no text decoding, no copy.

import { READ_LIMITS, readFileBounded } from '../../fs/boundedRead';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { REPO_CACHE_LIMITS, writeFileAtomic } from '../../fs/repoCache';
import { evictLeastRecentlyUsed, touchCacheFile } from '../../fs/cacheEviction';
import * as vscode from 'vscode';
import { CommitIndex } from '../../core/commitIndex/commitIndex';
import type { CommitLinker } from '../../core/linking/commitLinks';
import { runInSlices } from '../../core/util/timeSlices';

/** FNV-1a of the folder URI: a stable, filesystem-safe file name per workspace folder. */
function fileKey(folderUri: vscode.Uri): string {
  let h = 0x811c9dc5;
  const s = folderUri.toString();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export type LoadResult =
  { kind: 'loaded'; index: CommitIndex; relinked: boolean } | { kind: 'missing' } | { kind: 'corrupt'; reason: string };

/** The file operations the store uses: `vscode.workspace.fs`, or a fake that fails (tests). */
export type StoreFileSystem = Pick<
  vscode.FileSystem,
  'readFile' | 'writeFile' | 'rename' | 'delete' | 'createDirectory'
>;

/** A file in a repository's cache (RepoCache.dir and commitIndexFileName). */
export interface RepoIndexLocation {
  readonly dir: string;
  readonly name: string;
}

export class CommitIndexStore {
  /** `storageUri` is undefined when no folder is open: then nothing is persisted. */
  constructor(
    private readonly storageUri: vscode.Uri | undefined,
    private readonly fs: StoreFileSystem = vscode.workspace.fs,
  ) {}

  private uriFor(folderUri: vscode.Uri, where?: RepoIndexLocation): vscode.Uri | undefined {
    if (where) return vscode.Uri.file(path.join(where.dir, where.name));
    return this.storageUri && vscode.Uri.joinPath(this.storageUri, `commit-index-${fileKey(folderUri)}.bin`);
  }

  /** Where versions ≤ 3 (JSON) were kept: removed once, when no current file exists yet. */
  private legacyUriFor(folderUri: vscode.Uri): vscode.Uri | undefined {
    return this.storageUri && vscode.Uri.joinPath(this.storageUri, `commit-index-${fileKey(folderUri)}.json`);
  }

  async load(folderUri: vscode.Uri, linker: CommitLinker, where?: RepoIndexLocation): Promise<LoadResult> {
    const uri = this.uriFor(folderUri, where);
    if (!uri) return { kind: 'missing' };
    let bytes: Uint8Array;
    try {
      // On disk, bounded like every read (a replaced file could be a FIFO or huge); else the API.
      bytes =
        uri.scheme === 'file'
          ? await readFileBounded(uri.fsPath, { maxBytes: READ_LIMITS.index, what: 'the commit index' })
          : await this.fs.readFile(uri);
    } catch {
      const legacy = this.legacyUriFor(folderUri);
      if (legacy) await this.fs.delete(legacy).then(undefined, () => undefined);
      return { kind: 'missing' };
    }
    // Used: the repository cache's eviction keeps it longest (REPO_CACHE_LIMITS).
    if (where && uri.scheme === 'file') await touchCacheFile(uri.fsPath);
    // Under a roadmap edited since the save, FolderWork re-links in slices after loading.
    const result = CommitIndex.deserialize(bytes, linker, { relink: 'later' });
    return result.ok
      ? { kind: 'loaded', index: result.index, relinked: result.relinked }
      : { kind: 'corrupt', reason: result.reason };
  }

  async save(folderUri: vscode.Uri, index: CommitIndex, where?: RepoIndexLocation): Promise<void> {
    const uri = this.uriFor(folderUri, where);
    const dir = where ? vscode.Uri.file(where.dir) : this.storageUri;
    if (!uri || !dir) return;
    if (where) {
      // The repository's cache is read by other processes at any moment: node's rename is atomic.
      await fs.mkdir(where.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(path.join(where.dir, where.name), await encodeInSlices(index));
      // One index per worktree accumulates as worktrees come and go: keep the folder bounded.
      await evictLeastRecentlyUsed(where.dir, REPO_CACHE_LIMITS);
      return;
    }
    await this.fs.createDirectory(dir);
    const temp = uri.with({
      path: `${uri.path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`,
    });
    try {
      await this.fs.writeFile(temp, await encodeInSlices(index));
      await this.fs.rename(temp, uri, { overwrite: true });
    } catch (e) {
      // A full disk: the previous file is untouched (the rename never happened); drop the partial temp file.
      await this.fs.delete(temp).then(undefined, () => undefined);
      throw e;
    }
  }

  async delete(folderUri: vscode.Uri, where?: RepoIndexLocation): Promise<void> {
    const uri = this.uriFor(folderUri, where);
    if (!uri) return;
    try {
      await this.fs.delete(uri);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Encoding 100k commits at once stalled the extension host for ~300 ms (bench row
 * `indexing-stall`); in slices it yields every few ms. An index that changed meanwhile (an update
 * or relink between slices) is encoded again; after two tries, at once, which cannot interleave.
 */
async function encodeInSlices(index: CommitIndex): Promise<Uint8Array> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = index.state;
    const bytes = await runInSlices(index.serializeSteps());
    if (index.state === before) return bytes;
  }
  return index.serialize();
}
