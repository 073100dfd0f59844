// The import row: a 10,000-row Jira CSV export (generated here, deterministic: multi-line quoted
// descriptions, repeated columns, non-ASCII) imported into a new roadmap, against writing the same
// items with the `yaml` library (`stringify`) in the same run.
import { stringify } from 'yaml';
import { need } from './adapters.mjs';
import { compare } from './measure.mjs';

const ROWS = 10_000;

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A Jira "all fields" style export: 100 epics, the rest stories under them. */
export function jiraExport(rows = ROWS) {
  const header = [
    'Summary',
    'Issue key',
    'Issue id',
    'Issue Type',
    'Status',
    'Assignee',
    'Due date',
    'Fix Version/s',
    'Fix Version/s',
    'Labels',
    'Labels',
    'Description',
    'Parent',
  ];
  const statuses = ['To Do', 'In Progress', 'Done', 'Backlog', "Won't Do"];
  const lines = [header.join(',')];
  for (let i = 1; i <= rows; i++) {
    const epic = i <= 100;
    const description = `h2. Problem\r\nShoppers in segment ${i} *rebuild* their cart — every week (Zoë's finding).\r\n\r\nh2. Scope\r\n* item ${i}`;
    lines.push(
      [
        `Item ${i}: make checkout remember, "fast"`,
        `PAY-${i}`,
        String(10_000 + i),
        epic ? 'Epic' : 'Story',
        statuses[i % statuses.length],
        i % 3 === 0 ? '' : `Owner ${i % 17}`,
        i % 4 === 0 ? '15/Mar/26' : '',
        `2026.${i % 4}`,
        '',
        'checkout',
        i % 2 ? 'ux' : '',
        description,
        epic ? '' : String(10_000 + ((i % 100) + 1)),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const IMPORT_ROW = {
  id: 'import-jira',
  what: () => `import a ${ROWS.toLocaleString('en-US')}-row Jira CSV export into a new roadmap`,
  target: { text: '≤ 2 × YAML.stringify of the same items', max: 2 },
  async measure(ctx) {
    const { parseTrackerExport } = need(ctx.product, 'parseTrackerExport');
    const { mergeImport } = need(ctx.product, 'importMerge');
    const csv = jiraExport();
    // The limit writes exactly what the import writes: the same items, as plain data.
    const parsed = parseTrackerExport('jira', csv, {});
    if (parsed.items.length !== ROWS) throw new Error(`the export read as ${parsed.items.length} items`);
    const plain = {
      version: 1,
      items: parsed.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        ...(i.why ? { why: i.why } : {}),
        ...(i.status ? { status: i.status } : {}),
        ...(i.owner ? { owner: i.owner } : {}),
        ...(i.target ? { target: i.target } : {}),
        ...(i.parentId ? { parent: i.parentId } : {}),
      })),
    };
    let text = '';
    const r = await compare(
      {
        product: async () => {
          const result = mergeImport('', parseTrackerExport('jira', csv, {}), { file: '/bench/roadmap.yaml' });
          if (!result.ok) throw new Error(result.message);
          text = result.text;
        },
        limit: async () => {
          stringify(plain);
        },
      },
      { warmup: ctx.opts.warmup, runs: ctx.opts.runs },
    );
    if (!text.includes(`id: PAY-${ROWS}\n`)) throw new Error('the import did not write every item');
    return {
      median: r.product.median,
      limit: r.limit.median,
      ratio: r.product.median / r.limit.median,
      unit: 'ms',
      samples: r.product.samples,
      limitSamples: r.limit.samples,
      limitWhat: '`YAML.stringify` of the same 10,000 items (no CSV reading)',
      note: `${(csv.length / 1024 / 1024).toFixed(1)} MB CSV → ${(text.length / 1024 / 1024).toFixed(1)} MB YAML`,
    };
  },
};
