// Drift: where the roadmap and the code disagree. Pure: the git layer gathers the facts (commits on
// the base branch that close items, each item's last linked commit, tagged branches not merged,
// which `paths` globs match a tracked file); this decides what to say about them.

import { idKey, type RoadmapItem } from '../roadmap/roadmapTypes';

export type DriftKind = 'closed-not-shipped' | 'shipped-unmerged' | 'stale' | 'dropped-active' | 'dead-path';

export interface DriftFinding {
  readonly kind: DriftKind;
  readonly item: RoadmapItem;
  /** One line, as shown in the diagnostic, the card and the CLI. */
  readonly message: string;
  /** The status a quick fix would set (`shipped` for closed-not-shipped), when there is one. */
  readonly suggestedStatus?: string;
  /** Commit shas or branch names or globs the finding is about. */
  readonly evidence: readonly string[];
}

export interface ClosingCommit {
  readonly sha: string;
  readonly time: number;
  readonly subject: string;
  /** Item ids (as resolved by the linker) the commit's message closes. */
  readonly itemIds: readonly string[];
}

export interface DriftFacts {
  readonly items: readonly RoadmapItem[];
  /** Commits reachable from the base branch whose messages close items. */
  readonly closing: readonly ClosingCommit[];
  /** Epoch seconds of the newest commit linked to an item or its descendants (any branch), by idKey. */
  readonly lastCommit: ReadonlyMap<string, number>;
  /** Tagged branches with commits the base branch does not have, by idKey. */
  readonly unmergedBranches: ReadonlyMap<string, readonly { branch: string; ahead: number }[]>;
  /** `paths` globs (as written) that match no tracked file. */
  readonly deadGlobs: ReadonlySet<string>;
  readonly base: string;
  /** Epoch seconds. */
  readonly now: number;
  readonly staleDays: number;
}

const DAY = 86_400;

/**
 * Closing commits as the roadmap reads them: each reference (`#12`, `PAY-3`) resolved to the item
 * with that id or ref; commits that close no item of this roadmap are left out.
 */
export function resolveClosing(
  messages: readonly { sha: string; time: number; subject: string; refs: readonly string[] }[],
  lookup: (ref: string) => RoadmapItem | undefined,
): ClosingCommit[] {
  const out: ClosingCommit[] = [];
  for (const m of messages) {
    const ids = new Set<string>();
    for (const ref of m.refs) {
      const item = lookup(ref);
      if (item) ids.add(item.id);
    }
    if (ids.size > 0) out.push({ sha: m.sha, time: m.time, subject: m.subject, itemIds: [...ids] });
  }
  return out;
}

function status(item: RoadmapItem): string {
  return (item.status ?? 'planned').toLowerCase();
}

function days(seconds: number): number {
  return Math.floor(seconds / DAY);
}

/**
 * Each item's newest linked commit including its descendants' (by idKey): an epic's work is its
 * features' commits, which rarely name the epic. Without this every in-progress goal and epic
 * reads as stale. Iterative (deep or cyclic hierarchies from hostile files stay bounded).
 */
export function newestInSubtree(
  items: readonly RoadmapItem[],
  own: ReadonlyMap<string, number>,
  children: (id: string) => readonly RoadmapItem[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const root = item.id.toUpperCase();
    if (out.has(root)) continue;
    // Post-order without recursion: visit children first, then fold them into the parent.
    const stack: { id: string; expanded: boolean }[] = [{ id: item.id, expanded: false }];
    const onPath = new Set<string>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; expanded: boolean };
      const key = top.id.toUpperCase();
      if (!top.expanded) {
        top.expanded = true;
        onPath.add(key);
        for (const c of children(top.id)) {
          const ck = c.id.toUpperCase();
          if (!out.has(ck) && !onPath.has(ck)) stack.push({ id: c.id, expanded: false });
        }
        continue;
      }
      stack.pop();
      onPath.delete(key);
      let newest = own.get(key);
      for (const c of children(top.id)) {
        const t = out.get(c.id.toUpperCase());
        if (t !== undefined && !Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
      }
      if (newest !== undefined) out.set(key, newest);
      else out.set(key, Number.NaN);
    }
  }
  for (const [k, v] of out) if (Number.isNaN(v)) out.delete(k);
  return out;
}

export function driftFindings(facts: DriftFacts): DriftFinding[] {
  const out: DriftFinding[] = [];
  const closedBy = new Map<string, ClosingCommit[]>();
  for (const c of facts.closing)
    for (const id of c.itemIds) closedBy.set(id.toUpperCase(), [...(closedBy.get(id.toUpperCase()) ?? []), c]);
  for (const item of facts.items) {
    const key = item.id.toUpperCase();
    const s = status(item);
    const closing = closedBy.get(key) ?? [];
    if ((s === 'planned' || s === 'in-progress') && closing.length > 0) {
      const newest = [...closing].sort((a, b) => b.time - a.time)[0] as ClosingCommit;
      out.push({
        kind: 'closed-not-shipped',
        item,
        message: `${item.id} is ${s}, but ${newest.sha.slice(0, 7)} ("${newest.subject}") on ${facts.base} closes it: mark it shipped?`,
        suggestedStatus: 'shipped',
        evidence: closing.map((c) => c.sha),
      });
    }
    const unmerged = facts.unmergedBranches.get(key) ?? [];
    if (s === 'shipped' && unmerged.length > 0) {
      const list = unmerged.map((b) => `${b.branch} (${b.ahead} commit${b.ahead === 1 ? '' : 's'})`).join(', ');
      out.push({
        kind: 'shipped-unmerged',
        item,
        message: `${item.id} is shipped, but its tagged branch ${list} is not merged into ${facts.base}.`,
        evidence: unmerged.map((b) => b.branch),
      });
    }
    const last = facts.lastCommit.get(key);
    if (s === 'in-progress' && closing.length === 0) {
      const idle = last === undefined ? undefined : facts.now - last;
      if (last === undefined || (idle ?? 0) > facts.staleDays * DAY) {
        out.push({
          kind: 'stale',
          item,
          message:
            last === undefined
              ? `${item.id} is in progress, but no commit links to it.`
              : `${item.id} is in progress, but its last linked commit is ${days(idle ?? 0)} days old (more than ${facts.staleDays}).`,
          evidence: [],
        });
      }
    }
    if (s === 'dropped' && last !== undefined && facts.now - last <= facts.staleDays * DAY) {
      out.push({
        kind: 'dropped-active',
        item,
        message: `${item.id} is dropped, but commits still link to it (the last ${days(facts.now - last)} days ago).`,
        evidence: [],
      });
    }
    const dead = item.paths.filter((p) => facts.deadGlobs.has(p));
    if (dead.length > 0) {
      out.push({
        kind: 'dead-path',
        item,
        message: `${item.id}: \`paths\` ${dead.map((p) => `"${p}"`).join(', ')} match${dead.length === 1 ? 'es' : ''} no file any more.`,
        evidence: dead,
      });
    }
  }
  return out;
}

/** What lastCommitTimes needs of the commit index: an item's newest linked commit. */
export interface NewestCommitLookup {
  commitsFor(itemId: string, limit: number): readonly { readonly time: number }[];
}

/**
 * Each item's newest linked commit time (seconds, by idKey), its descendants' included: the
 * freshness drift judges, the same in the editor and the CLI.
 */
export function lastCommitTimes(
  roadmap: { readonly items: readonly RoadmapItem[]; children(id: string): readonly RoadmapItem[] },
  index: NewestCommitLookup,
): Map<string, number> {
  const own = new Map<string, number>();
  for (const item of roadmap.items) {
    const newest = index.commitsFor(item.id, 1)[0];
    if (newest) own.set(idKey(item.id), newest.time);
  }
  return newestInSubtree(roadmap.items, own, (id) => roadmap.children(id));
}
