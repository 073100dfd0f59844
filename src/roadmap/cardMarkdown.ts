// The item card as VS Code Markdown, shared by tree tooltips and hovers.

import * as vscode from 'vscode';
import { renderItemCardMarkdown } from '../core/render/itemCard';
import type { RoadmapIndex } from '../core/roadmap/roadmapIndex';
import type { RoadmapItem } from '../core/roadmap/roadmapTypes';

/** Untrusted text, so no command links, no HTML; no theme icons are needed either. */
export function cardMarkdown(item: RoadmapItem, index: RoadmapIndex): vscode.MarkdownString {
  const md = new vscode.MarkdownString(renderItemCardMarkdown(item, index));
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}
