// The one way a roadmap file is changed on disk (the CLI's `tag` and `import`), and the lock the
// editor's Tag Branch holds while it edits a buffer (roadmap/model/roadmapBufferEdit.ts), so the
// two never race. Edits must never lose data:
// - one writer at a time: a lock file next to the target (O_EXCL), recovered when its owner died;
// - no lost update: the file is read under the lock, and compared again just before the rename,
//   so an editor's save in between is detected; the edit is then redone on the new text (twice at
//   most) or the command fails loudly: success is reported only for an edit that is in the file;
// - identity kept: a symlink is written through to its target, mode and owner are kept, a file with
//   hard links is rewritten in place (a rename would split the links), a read-only file is refused;
// - temp files of a killed earlier run (`.<name>.<hex>.tmp`) are removed under the lock.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { READ_LIMITS, readFileBounded } from './boundedRead';

/** An edit refused or failed, with a stable code (`locked`, `read-only`, `changed-during-edit`). */
export class RoadmapEditError extends Error {
  override readonly name = 'RoadmapEditError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What an edit decides for the text it is given: the new text, or a refusal (nothing written). */
export type EditDecision = { readonly text: string } | { readonly refuse: Error };

export interface EditHooks {
  /** Tests: runs after the edit is computed, before the compare-and-rename (a concurrent save). */
  readonly beforeCommit?: (file: string) => Promise<void>;
  /** How long to wait for another writer's lock before failing (ms). */
  readonly lockWaitMs?: number;
}

const LOCK_WAIT_MS = 60_000;
/** A lock whose owner cannot be checked (another host) is taken over after this long. */
const STALE_LOCK_MS = 10 * 60_000;
const ATTEMPTS = 3;

function tempPattern(base: string): RegExp {
  return new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.tmp$`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(lock: string): Promise<boolean> {
  let text: string;
  let mtime: number;
  try {
    // Bounded and non-blocking like every read: a planted lock could be a FIFO.
    text = (await readFileBounded(lock, { maxBytes: 4096 })).toString('utf8');
    mtime = (await fs.stat(lock)).mtimeMs;
  } catch {
    return false; // gone already: the next try creates it
  }
  const [pidText, host] = text.split('\n');
  const pid = Number(pidText);
  if (host === os.hostname() && Number.isInteger(pid) && pid > 0) return !alive(pid);
  // Another host's, or unreadable content: by age.
  return Date.now() - mtime > STALE_LOCK_MS;
}

async function acquireLock(lock: string, shown: string, waitMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    // The lock appears with its owner already in it (written aside, then hard-linked into place),
    // so no other process ever sees an empty lock it could mistake for a dead one.
    const aside = `${lock}.${randomBytes(6).toString('hex')}`;
    await fs.writeFile(aside, `${process.pid}\n${os.hostname()}\n`, { flag: 'wx', mode: 0o644 });
    try {
      await fs.link(aside, lock);
      return () => fs.rm(lock, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
        // A file system without hard links: exclusive create, then the owner (briefly empty).
        const handle = await fs.open(lock, 'wx', 0o644);
        await handle.writeFile(`${process.pid}\n${os.hostname()}\n`);
        await handle.close();
        return () => fs.rm(lock, { force: true });
      }
      if (code !== 'EEXIST') throw e;
    } finally {
      await fs.rm(aside, { force: true });
    }
    if (await isStale(lock)) {
      // Two recoverers may race: rename is atomic, so only one of them removes this stale lock.
      const aside = `${lock}.${randomBytes(4).toString('hex')}.stale`;
      await fs.rename(lock, aside).then(
        () => fs.rm(aside, { force: true }),
        () => undefined,
      );
      continue;
    }
    if (Date.now() > deadline)
      throw new RoadmapEditError(
        'locked',
        `${shown} is being edited by another Roadmap Lens process (lock ${path.basename(lock)}); try again, or delete the lock file if no such process runs.`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay + Math.floor(Math.random() * delay)));
  }
}

async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const pattern = tempPattern(base);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => pattern.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

async function writeTarget(target: string, text: string, stat: Stats): Promise<string | undefined> {
  if (stat.nlink > 1) return undefined; // in place, see below
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', stat.mode & 0o7777);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(stat.mode & 0o7777); // the umask narrowed open's mode
    // Keep the owner (root editing another user's file): best effort, only root can give files away.
    await handle.chown(stat.uid, stat.gid).catch(() => undefined);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  return tmp;
}

/**
 * Runs `fn` holding the lock `editRoadmapFile` takes for `file` (through symlinks, as it does):
 * no CLI edit of the file can land while `fn` runs. Throws RoadmapEditError('locked') when another
 * writer holds it longer than `lockWaitMs`.
 */
export async function withRoadmapFileLock<T>(
  file: string,
  shown: string,
  fn: (target: string) => Promise<T>,
  lockWaitMs = LOCK_WAIT_MS,
): Promise<T> {
  const target = await fs.realpath(file);
  const release = await acquireLock(
    path.join(path.dirname(target), `.${path.basename(target)}.lock`),
    shown,
    lockWaitMs,
  );
  try {
    return await fn(target);
  } finally {
    await release();
  }
}

/**
 * Applies `edit` to `file` under the rules above and returns the text now in the file. Throws
 * RoadmapEditError for a read-only file, a lock held too long, or a file that keeps changing under us;
 * `edit`'s refusal is thrown as it is.
 */
export async function editRoadmapFile(
  file: string,
  shown: string,
  edit: (text: string, bytes: Buffer) => EditDecision,
  hooks: EditHooks = {},
): Promise<string> {
  // Through symlinks: the link stays a link, its target gets the edit.
  const target = await fs.realpath(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  const release = await acquireLock(path.join(dir, `.${base}.lock`), shown, hooks.lockWaitMs ?? LOCK_WAIT_MS);
  try {
    await removeStaleTemps(dir, base);
    for (let attempt = 1; ; attempt++) {
      const stat = await fs.stat(target);
      if ((stat.mode & 0o222) === 0)
        throw new RoadmapEditError(
          'read-only',
          `${shown} is read-only (mode ${(stat.mode & 0o777).toString(8)}); make it writable (chmod u+w) to edit it. Nothing was changed.`,
        );
      await fs.access(target, constants.W_OK).catch(() => {
        throw new RoadmapEditError('read-only', `${shown} is not writable for this user; nothing was changed.`);
      });
      const before = await readFileBounded(target, {
        maxBytes: READ_LIMITS.roadmap,
        displayName: shown,
        what: 'roadmap files',
      });
      const decision = edit(before.toString('utf8'), before);
      if ('refuse' in decision) throw decision.refuse;
      const tmp = await writeTarget(target, decision.text, stat);
      try {
        await hooks.beforeCommit?.(target);
        // Compare-before-rename: anything that is not ours (an editor's save) means redo or fail.
        const now = await readFileBounded(target, {
          maxBytes: READ_LIMITS.roadmap,
          displayName: shown,
          what: 'roadmap files',
        });
        if (!now.equals(before)) {
          if (tmp) await fs.rm(tmp, { force: true });
          if (attempt >= ATTEMPTS)
            throw new RoadmapEditError(
              'changed-during-edit',
              `${shown} kept changing while it was being edited (${ATTEMPTS} tries); nothing was written. Try again once it is saved.`,
            );
          continue;
        }
        if (tmp) await fs.rename(tmp, target);
        else await fs.writeFile(target, decision.text, 'utf8'); // hard-linked: rewrite in place
      } catch (e) {
        if (tmp) await fs.rm(tmp, { force: true });
        throw e;
      }
      return decision.text;
    }
  } finally {
    await release();
  }
}
