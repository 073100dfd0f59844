// Generates a realistic multi-file roadmap: goals → initiatives (nested `items:` in roadmap.yaml),
// epics per area (files under roadmap/, attached with `parent:` across files), features nested
// under their epic or listed in a backlog file with `parent:`. Deterministic for a given size.
import { makeRandom, WORDS } from './random.mjs';

export const AREAS = ['CHK', 'PAY', 'SRCH', 'CART', 'ACCT', 'SHIP', 'INV', 'PRC', 'REC', 'NOTIF', 'AUTH', 'ANLT'];
const STATUSES = ['planned', 'in-progress', 'shipped', 'planned', 'in-progress', 'dropped'];
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'];

function q(text) {
  return JSON.stringify(text);
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 32);
}

/**
 * @param {number} total number of items
 * @returns {{ files: {rel: string, text: string}[], items: {id: string, kind: string, title: string, refs: string[]}[] }}
 */
export function makeRoadmap(total, seed = 42) {
  const r = makeRandom(seed);
  const goals = Math.max(2, Math.round(total / 1000));
  const initiatives = goals * 6;
  const epics = Math.max(AREAS.length, Math.round(total * 0.09));
  const features = Math.max(0, total - goals - initiatives - epics);
  const items = [];
  const nextNumber = new Map(AREAS.map((a) => [a, 1]));
  let refCounter = 100;

  const why = () => `${r.pick(WORDS.customers)} ${r.pick(WORDS.pains)}.`;
  const title = () => {
    const t = `${r.pick(WORDS.verbs)} ${r.pick(WORDS.nouns)}`;
    return t[0].toUpperCase() + t.slice(1);
  };
  const metricLines = (indent, count) => {
    const pad = ' '.repeat(indent);
    const out = [`${pad}metrics:`];
    for (let m = 0; m < count; m++) {
      const base = 5 + r.int(40);
      out.push(
        `${pad}  - name: ${r.pick(WORDS.metrics)}`,
        `${pad}    baseline: ${base}%`,
        `${pad}    target: ${base + 5 + r.int(20)}%`,
      );
    }
    return out;
  };
  /** One item as YAML lines at `indent` (the `- ` sits at indent). */
  const itemLines = (indent, item, extra) => {
    const pad = ' '.repeat(indent);
    const body = ' '.repeat(indent + 2);
    const lines = [`${pad}- id: ${item.id}`, `${body}kind: ${item.kind}`];
    if (item.parentForm) lines.push(`${body}parent: ${item.parentForm}`);
    lines.push(`${body}title: ${q(item.title)}`);
    if (item.kind === 'goal' || item.kind === 'initiative' || r.chance(0.1)) {
      lines.push(`${body}why: >`, `${body}  ${why()}`, `${body}  ${why()}`);
    } else {
      lines.push(`${body}why: ${q(why())}`);
    }
    if (item.kind !== 'feature' || r.chance(0.15))
      lines.push(...metricLines(indent + 2, item.kind === 'feature' ? 1 : 2));
    lines.push(
      `${body}status: ${r.pick(STATUSES)}`,
      `${body}owner: ${item.area ? item.area.toLowerCase() : 'product'}-team`,
    );
    if (r.chance(0.5)) lines.push(`${body}target: ${r.pick(QUARTERS)}`);
    if (item.refs.length > 0) lines.push(`${body}refs: [${item.refs.map(q).join(', ')}]`);
    if (extra) lines.push(...extra(body));
    return lines;
  };
  const newItem = (id, kind, area, parentId) => {
    const refs = [];
    if (kind === 'feature' && r.chance(0.1)) refs.push(`JIRA-${refCounter++}`);
    if (kind === 'feature' && r.chance(0.05)) refs.push(`#${refCounter++}`);
    const item = { id, kind, title: title(), area, parentId, refs, parentForm: undefined };
    items.push(item);
    return item;
  };

  // roadmap.yaml: goals with nested initiatives.
  const main = ['# Acme Shop roadmap (generated for benchmarks)', 'version: 1', 'product: Acme Shop', 'items:'];
  const initiativeIds = [];
  let init = 1;
  for (let g = 1; g <= goals; g++) {
    const goal = newItem(`GOAL-${g}`, 'goal', undefined, undefined);
    const children = [];
    for (let k = 0; k < initiatives / goals; k++) {
      const it = newItem(`INIT-${init++}`, 'initiative', undefined, goal.id);
      initiativeIds.push(it.id);
      children.push(it);
    }
    main.push(
      ...itemLines(2, goal, (body) => [`${body}items:`, ...children.flatMap((c) => itemLines(body.length + 2, c))]),
    );
  }
  const files = [{ rel: 'roadmap.yaml', text: main.join('\n') + '\n' }];

  // roadmap/<area>.yaml: epics (parent: an initiative) with nested features; backlog files with parent: form.
  const epicsByArea = new Map(AREAS.map((a) => [a, []]));
  for (let e = 0; e < epics; e++) epicsByArea.get(AREAS[e % AREAS.length]).push(e);
  for (const area of AREAS) {
    const areaLines = ['version: 1', 'items:'];
    const backlog = ['version: 1', 'items:'];
    for (const e of epicsByArea.get(area)) {
      const epicId = `${area}-${nextNumber.get(area)}`;
      nextNumber.set(area, nextNumber.get(area) + 1);
      const epic = newItem(epicId, 'epic', area, r.pick(initiativeIds));
      epic.parentForm = epic.parentId;
      const count = Math.floor(((e + 1) * features) / epics) - Math.floor((e * features) / epics);
      const nested = [];
      for (let f = 0; f < count; f++) {
        const id = `${area}-${nextNumber.get(area)}`;
        nextNumber.set(area, nextNumber.get(area) + 1);
        const feature = newItem(id, 'feature', area, epicId);
        if (r.chance(0.3)) {
          feature.parentForm = epicId;
          backlog.push(...itemLines(2, feature));
        } else {
          nested.push(feature);
        }
      }
      areaLines.push(
        ...itemLines(2, epic, (body) => [
          `${body}branches: [${q(`${area.toLowerCase()}/*`)}]`,
          `${body}paths: [${q(`src/${area.toLowerCase()}/**`)}]`,
          ...(nested.length > 0 ? [`${body}items:`, ...nested.flatMap((c) => itemLines(body.length + 2, c))] : []),
        ]),
      );
    }
    files.push({ rel: `roadmap/${area.toLowerCase()}.yaml`, text: areaLines.join('\n') + '\n' });
    if (backlog.length > 2)
      files.push({ rel: `roadmap/${area.toLowerCase()}-backlog.yaml`, text: backlog.join('\n') + '\n' });
  }
  return {
    files,
    items: items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, slug: slug(i.title), refs: i.refs })),
  };
}
