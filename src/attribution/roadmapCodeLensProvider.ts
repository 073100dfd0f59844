// CodeLens above each function, method and class: the customer problem the symbol serves.
// Lenses come from the AttributionModel (one blame per file version, computed in a git process,
// so typing never waits); titles are filled in resolveCodeLens, only for lenses on screen, except
// those on screen as the lenses are given: they come with their titles, since a resolve is one more
// round trip through a workbench that is busiest when it matters (after a window reload the lens
// text showed 1-7 s after the lenses themselves on the bench's workspace, issue #13).
// Clicking opens a quick pick of the symbol's items with their evidence.

import * as vscode from 'vscode';
import type { LineEvidence, ItemShare } from '../core/attribution/attributionTypes';
import { describeEvidence } from '../core/attribution/evidenceText';
import { lensTitle, manyItemsTitle } from '../core/attribution/lensTitle';
import { Commands } from '../commands/commandIds';
import type { CommandHandlers } from '../commands/commandRegistry';
import { readAttributionSettings, type AttributionModel, type DocumentAttribution } from './model/attributionModel';

interface LensTarget {
  readonly uri: string;
  /** 0-based, inclusive: the symbol's lines (or the whole file). */
  readonly startLine: number;
  readonly endLine: number;
}

/** Lines above and below the visible ones whose lenses get their titles with the lenses. */
const SCREEN_MARGIN = 40;

class AttributionLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly target: LensTarget,
    readonly ranked: readonly ItemShare[],
    readonly result: DocumentAttribution,
  ) {
    super(range);
  }
}

export class RoadmapCodeLensProvider implements vscode.CodeLensProvider<AttributionLens> {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly model: AttributionModel) {
    this.onDidChangeCodeLenses = model.onDidChange;
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<AttributionLens[]> {
    const settings = readAttributionSettings(document.uri);
    if (!settings.codeLensEnabled) return [];
    const result = await this.model.attributionFor(document, token);
    if (!result || token.isCancellationRequested) return [];
    const { attribution } = result;
    const uri = document.uri.toString();
    const kinds = new Set(settings.symbolKinds.map((k) => k.toLowerCase()));
    const lenses: AttributionLens[] = [];
    const wholeFile = (): void => {
      if (attribution.items.length === 0 || attribution.lineCount === 0) return;
      lenses.push(
        new AttributionLens(
          new vscode.Range(0, 0, 0, 0),
          { uri, startLine: 0, endLine: attribution.lineCount - 1 },
          attribution.items,
          result,
        ),
      );
    };
    // A file over the size limit, or a language without symbols: one lens for the whole file.
    if (result.history === 'too-large' || result.symbols.length === 0) {
      wholeFile();
      return this.titledOnScreen(document, lenses);
    }
    // Symbols VS Code or the finder reported, but none of the kinds asked for (or all too short).
    for (const s of result.symbols) {
      if (token.isCancellationRequested) return [];
      if (!kinds.has((vscode.SymbolKind[s.vscodeKind] ?? '').toLowerCase())) continue;
      if (s.endLine - s.startLine + 1 < settings.minLines) continue;
      const ranked = attribution.rankRange(s.startLine, s.endLine);
      if (ranked.length === 0) continue;
      lenses.push(
        new AttributionLens(
          new vscode.Range(s.startLine, 0, s.startLine, 0),
          { uri, startLine: s.startLine, endLine: s.endLine },
          ranked,
          result,
        ),
      );
    }
    if (lenses.length === 0) wholeFile();
    return this.titledOnScreen(document, lenses);
  }

  /** Fills in the titles of the lenses in (or near) an editor's visible lines now. */
  private titledOnScreen(document: vscode.TextDocument, lenses: AttributionLens[]): AttributionLens[] {
    const uri = document.uri.toString();
    const visible = vscode.window.visibleTextEditors
      .filter((e) => e.document.uri.toString() === uri)
      .flatMap((e) => e.visibleRanges);
    const near = (line: number): boolean =>
      visible.some((r) => line >= r.start.line - SCREEN_MARGIN && line <= r.end.line + SCREEN_MARGIN);
    for (const lens of lenses) if (near(lens.range.start.line)) this.resolveCodeLens(lens);
    return lenses;
  }

  resolveCodeLens(lens: AttributionLens): AttributionLens {
    const items = lens.ranked.map((r) => {
      const item = lens.result.index.get(r.itemId);
      return { id: r.itemId, title: item?.title ?? r.itemId, why: item?.why, lines: r.lines };
    });
    const rangeLines = lens.target.endLine - lens.target.startLine + 1;
    const title = manyItemsTitle(items, rangeLines) ?? lensTitle(items) ?? '$(lightbulb) Roadmap';
    const shown = items.slice(0, 20).map((i) => `${i.id} ${i.title}: ${i.lines} of ${rangeLines} lines`);
    if (items.length > shown.length) shown.push(`… and ${items.length - shown.length} more (click to list them all)`);
    const tooltip = shown.join('\n');
    lens.command = { title, tooltip, command: Commands.showLensItems, arguments: [lens.target] };
    return lens;
  }
}

/** Distinct evidence for an item over a range of lines (the quick pick's detail). */
function evidenceOver(result: DocumentAttribution, target: LensTarget, itemId: string): LineEvidence[] {
  const seen = new Set<string>();
  const out: LineEvidence[] = [];
  for (let line = target.startLine; line <= target.endLine && out.length < 6; line++) {
    for (const li of result.attribution.itemsAt(line)) {
      if (li.itemId !== itemId) continue;
      for (const e of li.evidence) {
        const key =
          e.kind === 'history' ? e.sha : e.kind === 'ownership' ? e.glob : e.kind === 'annotation' ? `a${e.line}` : 'u';
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(e);
      }
    }
  }
  return out;
}

/** `2%`, `0.4%`, `<0.1%`: a share small enough to round to 0 still reads as some. */
function sharePercent(share: number): string {
  const pct = share * 100;
  if (pct >= 1) return `${Math.round(pct)}%`;
  if (pct >= 0.1) return `${pct.toFixed(1)}%`;
  return '<0.1%';
}

async function showLensItems(model: AttributionModel, arg: unknown): Promise<void> {
  const target = arg as Partial<LensTarget> | undefined;
  if (
    !target ||
    typeof target.uri !== 'string' ||
    typeof target.startLine !== 'number' ||
    typeof target.endLine !== 'number'
  )
    return;
  const full = target as LensTarget;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(full.uri));
  const result = await model.attributionFor(document);
  if (!result) return;
  const total = full.endLine - full.startLine + 1;
  const now = Date.now();
  const picks = result.attribution.rankRange(full.startLine, full.endLine).map((r) => {
    const item = result.index.get(r.itemId);
    const evidence = evidenceOver(result, full, r.itemId).map((e) => describeEvidence(e, now));
    return {
      label: `${r.itemId} ${item?.title ?? ''}`.trim(),
      description: `${r.lines.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines · ${sharePercent(r.share)}`,
      detail: [item?.why, ...evidence].filter((s): s is string => !!s).join(' · '),
      itemId: r.itemId,
    };
  });
  const picked = await vscode.window.showQuickPick(picks, {
    title:
      picks.length > 1
        ? `${picks.length} roadmap items behind these ${total.toLocaleString('en-US')} lines, by share`
        : 'Roadmap items behind this code',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked)
    await vscode.commands.executeCommand(Commands.revealItem, {
      id: picked.itemId,
      folderUri: result.folder.uri.toString(),
    });
}

export function registerRoadmapCodeLens(
  context: vscode.ExtensionContext,
  model: AttributionModel,
): RoadmapCodeLensProvider {
  const provider = new RoadmapCodeLensProvider(model);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider));
  return provider;
}

/** `showLensItems`: a lens names several items; this lists them with the evidence for each. */
export function lensCommands(model: AttributionModel): CommandHandlers<'showLensItems'> {
  return { showLensItems: (arg: unknown) => showLensItems(model, arg) };
}
