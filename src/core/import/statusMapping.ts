// Tracker states → roadmap statuses. Covers Jira's default workflows (software, business, service
// management), GitHub's OPEN/CLOSED, Linear's workflow states and Aha!'s default workflows;
// `--status-map "Ready for QA=in-progress"` adds or overrides names. Unknown names are not guessed.

import { KNOWN_STATUSES } from '../roadmap/roadmapTypes';

type Status = (typeof KNOWN_STATUSES)[number];

const DEFAULTS: ReadonlyArray<readonly [Status, readonly string[]]> = [
  [
    'planned',
    [
      'to do',
      'todo',
      'backlog',
      'open',
      'reopened',
      'new',
      'selected for development',
      'triage',
      'unstarted',
      'planned',
      'not started',
      'ready',
      'ready for development',
      'ready to develop',
      'under consideration',
      'future consideration',
      'needs refinement',
      'proposed',
      'icebox',
      'waiting for support',
      'pending',
      'scheduled',
    ],
  ],
  [
    'in-progress',
    [
      'in progress',
      'in-progress',
      'started',
      'in review',
      'code review',
      'in development',
      'in design',
      'in qa',
      'in test',
      'in testing',
      'testing',
      'review',
      'under review',
      'ready to ship',
      'ready for release',
      'ready for qa',
      'blocked',
      'on hold',
      'waiting for customer',
      'work in progress',
      'doing',
      'active',
    ],
  ],
  [
    'shipped',
    ['done', 'resolved', 'closed', 'completed', 'complete', 'shipped', 'released', 'fixed', 'delivered', 'accepted'],
  ],
  [
    'dropped',
    [
      "won't do",
      'wont do',
      "won't fix",
      'wont fix',
      'wontfix',
      'invalid',
      'canceled',
      'cancelled',
      'duplicate',
      'will not implement',
      'will not do',
      'rejected',
      'declined',
      'not planned',
      'not_planned',
      'obsolete',
      'abandoned',
      'cannot reproduce',
      'dropped',
      'archived',
    ],
  ],
];

/** Jira resolutions that mean the work was not done, whatever the (Done/Closed) status says. */
const DROPPED_RESOLUTIONS = new Set([
  "won't do",
  "won't fix",
  'wont do',
  'wont fix',
  'duplicate',
  'cannot reproduce',
  'incomplete',
  'declined',
  'obsolete',
]);

function norm(name: string): string {
  return name.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
}

export class StatusMapper {
  private readonly map = new Map<string, string>();
  /** Unknown names and how many rows had each, for one summary note. */
  readonly unknown = new Map<string, number>();

  constructor(overrides?: ReadonlyMap<string, string>) {
    for (const [status, names] of DEFAULTS) for (const n of names) this.map.set(norm(n), status);
    for (const [name, status] of overrides ?? []) this.map.set(norm(name), status);
  }

  /** The roadmap status for a name, or undefined; unknown names are not remembered (labels). */
  lookup(name: string): string | undefined {
    return this.map.get(norm(name));
  }

  /** The roadmap status for a tracker state; undefined (and remembered) when unknown. */
  status(name: string | undefined, resolution?: string): string | undefined {
    if (name === undefined || name.trim().length === 0) return undefined;
    const mapped = this.map.get(norm(name));
    if (mapped === undefined) {
      this.unknown.set(name.trim(), (this.unknown.get(name.trim()) ?? 0) + 1);
      return undefined;
    }
    if (mapped === 'shipped' && resolution !== undefined && DROPPED_RESOLUTIONS.has(norm(resolution))) return 'dropped';
    return mapped;
  }

  /** One line naming the states no rule maps (the items are imported without a status). */
  notes(): string[] {
    if (this.unknown.size === 0) return [];
    const list = [...this.unknown].map(([n, count]) => `"${n}" (${count})`).join(', ');
    return [
      `No roadmap status for ${list}: those items were imported without a status. Map them with --status-map "NAME=planned|in-progress|shipped|dropped".`,
    ];
  }
}

/** Parses `--status-map` values: `A=planned`, several per value separated by `,` or `;`. */
export function parseStatusMap(values: readonly string[]): { map: Map<string, string>; errors: string[] } {
  const map = new Map<string, string>();
  const errors: string[] = [];
  for (const value of values) {
    for (const part of value.split(/[,;]/)) {
      if (part.trim().length === 0) continue;
      const eq = part.lastIndexOf('=');
      const name = eq < 0 ? '' : part.slice(0, eq).trim();
      const status =
        eq < 0
          ? ''
          : part
              .slice(eq + 1)
              .trim()
              .toLowerCase();
      if (!name || !status) {
        errors.push(`"${part.trim()}" is not NAME=STATUS`);
        continue;
      }
      if (!(KNOWN_STATUSES as readonly string[]).includes(status)) {
        errors.push(`"${part.trim()}": the status must be one of ${KNOWN_STATUSES.join(', ')}`);
        continue;
      }
      map.set(name, status);
    }
  }
  return { map, errors };
}
