// The editor's Tag Branch edits the open roadmap buffer (a WorkspaceEdit: undoable, keeps unsaved
// changes), while the CLI's `tag` writes the file (fs/roadmapFileEdit.ts). When the buffer is
// saved (not dirty), a CLI write that VS Code has not reloaded yet would be silently undone by the
// next save of our edit, computed on the old text. So the edit is applied holding the CLI's lock,
// after checking that the file on disk is still the text of the buffer: if not, it fails loudly
// and nothing is applied. Kept free of vscode so the git-level tests run it against real CLIs.
import { READ_LIMITS, readFileBounded } from '../../fs/boundedRead';
import { RoadmapEditError, withRoadmapFileLock } from '../../fs/roadmapFileEdit';

/** VS Code normalises a file's mixed line ends on load: compare texts with line ends set aside. */
function sameText(a: string, b: string): boolean {
  const norm = (t: string): string => (t.startsWith('\ufeff') ? t.slice(1) : t).replace(/\r\n?/g, '\n');
  return norm(a) === norm(b);
}

/**
 * Runs `apply` holding the roadmap file's edit lock, once the file on disk is checked to hold
 * `bufferText` (the saved buffer the edit was computed on). Throws RoadmapEditError
 * ('changed-on-disk') when another writer changed the file; ('locked') when one holds the lock.
 */
export async function applyWhileDiskMatches<T>(
  file: string,
  shown: string,
  bufferText: () => string,
  apply: () => Promise<T>,
  lockWaitMs?: number,
): Promise<T> {
  return withRoadmapFileLock(
    file,
    shown,
    async (target) => {
      const disk = await readFileBounded(target, {
        maxBytes: READ_LIMITS.roadmap,
        displayName: shown,
        what: 'roadmap files',
      });
      if (!sameText(disk.toString('utf8'), bufferText()))
        throw new RoadmapEditError(
          'changed-on-disk',
          `${shown} was changed on disk by another program (the CLI's tag?) and the editor has not reloaded it yet; nothing was changed. Try again in a moment.`,
        );
      return apply();
    },
    lockWaitMs,
  );
}
