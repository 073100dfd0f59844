// The item card's Drift section: where this item's status and the code disagree (the same findings
// as the roadmap file's drift diagnostics and `roadmap-lens report --drift`). Pure; escaped by `html`.

import type { DriftKind } from '../../core/drift/driftFindings';
import { html, join, type SafeHtml } from '../../core/render/html';

export interface CardDrift {
  /** The branch findings were checked against (`main`). */
  readonly base: string;
  readonly findings: readonly {
    readonly kind: DriftKind;
    readonly message: string;
    readonly fixes: readonly string[];
  }[];
}

const KIND_LABEL: Readonly<Record<DriftKind, string>> = {
  'closed-not-shipped': 'Closed, not shipped',
  'shipped-unmerged': 'Shipped, work unmerged',
  stale: 'Stale',
  'dropped-active': 'Dropped, still active',
  'dead-path': 'Dead path',
};

/** Empty when there is no drift to show: the card stays about the item, not about an absence. */
export function driftSection(drift: CardDrift | undefined): SafeHtml {
  if (!drift || drift.findings.length === 0) return html``;
  return html`<section class="drift" aria-label="Drift">
    <h2 class="section-label">Drift <span class="count">${drift.findings.length}</span></h2>
    <ul class="drift-list">
      ${join(
        drift.findings.map(
          (f) =>
            html`<li class="drift-finding" data-kind="${f.kind}">
              <span class="pill drift-kind">${KIND_LABEL[f.kind]}</span> <span class="drift-message">${f.message}</span>
              ${
                f.fixes.length > 0
                  ? html`<span class="drift-fix"
                      >Quick fix in the roadmap file: set the status to ${f.fixes.join(' or ')}.</span
                    >`
                  : ''
              }
            </li>`,
        ),
      )}
    </ul>
    <p class="note">Checked against ${drift.base}.</p>
  </section>`;
}
