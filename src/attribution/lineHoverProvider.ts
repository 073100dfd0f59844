// Hovering any line adds a short section: the roadmap item(s) the line serves and the evidence
// ("last changed in `a1b2c3d` *CHK-12: reorder from history* — 3 days ago"). It is a section of
// the one Roadmap Lens hover (roadmap/itemHoverProvider.ts), after the card of an id under the cursor.

import * as vscode from 'vscode';
import type { LineEvidence } from '../core/attribution/attributionTypes';
import { relativeTime } from '../core/render/commitTimeline';
import { shortSha } from '../core/attribution/evidenceText';
import { escapeMarkdown } from '../core/render/itemCard';
import { idKey } from '../core/roadmap/roadmapTypes';
import { readAttributionSettings, type AttributionModel } from './model/attributionModel';
import type { HoverSection } from '../roadmap/itemHoverProvider';

function evidenceMarkdown(e: LineEvidence, nowMs: number): string {
  switch (e.kind) {
    case 'history': {
      const when = e.time > 0 ? ` — ${relativeTime(e.time * 1000, nowMs)}` : '';
      return `last changed in \`${shortSha(e.sha)}\` *${escapeMarkdown(e.summary)}*${when} (${escapeMarkdown(e.how)})`;
    }
    case 'ownership':
      return `owned path \`${e.glob.replace(/`/g, "'")}\``;
    case 'annotation':
      return `annotation on line ${e.line + 1}: *${escapeMarkdown(e.comment)}*${e.scope === 'symbol' ? ' (heads the symbol)' : ''}`;
    case 'uncommitted':
      return 'not committed yet: the current work item';
  }
}

/**
 * The line's section of the Roadmap Lens hover: the items the line serves and the evidence.
 * Items in `shown` (their card already opens the hover) are left out; the hover itself is built
 * by ItemHoverProvider so the card under the cursor comes first.
 */
export class LineHoverSection implements HoverSection {
  constructor(private readonly model: AttributionModel) {}

  async section(
    document: vscode.TextDocument,
    position: vscode.Position,
    shown: ReadonlySet<string>,
    token: vscode.CancellationToken,
  ): Promise<vscode.MarkdownString | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    if (!readAttributionSettings(document.uri).lineHoverEnabled) return undefined;
    const result = await this.model.attributionFor(document, token);
    if (!result || token.isCancellationRequested) return undefined;
    const items = result.attribution.itemsAt(position.line).filter((li) => !shown.has(idKey(li.itemId)));
    if (items.length === 0) return undefined;
    const now = Date.now();
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.appendMarkdown(
      shown.size > 0 ? '**Roadmap Lens** — this line also serves\n\n' : '**Roadmap Lens** — why this line exists\n\n',
    );
    for (const li of items.slice(0, 4)) {
      const item = result.index.get(li.itemId);
      const why = item?.why ? ` — ${escapeMarkdown(item.why)}` : '';
      md.appendMarkdown(`**${escapeMarkdown(li.itemId)}** ${escapeMarkdown(item?.title ?? '')}${why}\n\n`);
      for (const e of li.evidence.slice(0, 3)) md.appendMarkdown(`- ${evidenceMarkdown(e, now)}\n`);
      md.appendMarkdown('\n');
    }
    if (items.length > 4) md.appendMarkdown(`+${items.length - 4} more\n`);
    return md;
  }
}
