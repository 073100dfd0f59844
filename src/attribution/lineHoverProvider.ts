// Hovering any line adds a short section: the roadmap item(s) the line serves and the evidence
// ("last changed in `a1b2c3d` *CHK-12: reorder from history* — 3 days ago").

import * as vscode from 'vscode';
import type { Evidence } from '../core/attribution/attribution';
import { relativeTime } from '../core/render/commitTimeline';
import { shortSha } from '../core/attribution/evidenceText';
import { escapeMarkdown } from '../core/render/itemCard';
import { readAttributionSettings, type AttributionModel } from './model/attributionModel';

function evidenceMarkdown(e: Evidence, nowMs: number): string {
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

export class LineHoverProvider implements vscode.HoverProvider {
  constructor(private readonly model: AttributionModel) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    if (!readAttributionSettings(document.uri).lineHoverEnabled) return undefined;
    const result = await this.model.attributionFor(document, token);
    if (!result || token.isCancellationRequested) return undefined;
    const items = result.attribution.itemsAt(position.line);
    if (items.length === 0) return undefined;
    const now = Date.now();
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.appendMarkdown('**Roadmap Lens** — why this line exists\n\n');
    for (const li of items.slice(0, 4)) {
      const item = result.index.get(li.itemId);
      const why = item?.why ? ` — ${escapeMarkdown(item.why)}` : '';
      md.appendMarkdown(`**${escapeMarkdown(li.itemId)}** ${escapeMarkdown(item?.title ?? '')}${why}\n\n`);
      for (const e of li.evidence.slice(0, 3)) md.appendMarkdown(`- ${evidenceMarkdown(e, now)}\n`);
      md.appendMarkdown('\n');
    }
    if (items.length > 4) md.appendMarkdown(`+${items.length - 4} more\n`);
    return new vscode.Hover(
      md,
      new vscode.Range(position.line, 0, position.line, document.lineAt(position.line).text.length),
    );
  }
}

export function registerLineHover(context: vscode.ExtensionContext, model: AttributionModel): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider({ scheme: 'file' }, new LineHoverProvider(model)));
}
