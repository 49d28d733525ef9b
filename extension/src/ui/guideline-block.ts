/**
 * One guideline as the card and the dialog show it: title, the quoted sentence from the
 * guidelines, why, what to do instead, and the words that triggered it.
 */
import type { Finding, GuidelineText } from '../common/core-api';
import { t } from '../common/i18n';
import { h } from './dom';

/** A guideline with the words in the text that touched it. */
export interface TouchedGuideline {
  id: string;
  text: GuidelineText;
  /** Distinct trigger words, in order (empty for context-only reminders). */
  words: string[];
}

/** The guidelines `ids` touched, with texts from the core (or the finding's own message when none). */
export function touched(ids: readonly string[], findings: readonly Finding[], texts: Record<string, GuidelineText> | undefined, sourceText?: string): TouchedGuideline[] {
  // One pass over the findings (a pasted megabyte has tens of thousands), not one per guideline.
  const byGuideline = new Map<string, { first: Finding; words: Set<string> }>();
  for (const f of findings) {
    let g = byGuideline.get(f.guideline);
    if (!g) byGuideline.set(f.guideline, (g = { first: f, words: new Set() }));
    if (f.end <= f.start) continue;
    const word = (f.matched || (sourceText ? sourceText.slice(f.start, f.end) : '')).trim();
    if (word) g.words.add(word);
  }
  return ids.map((id) => {
    const mine = byGuideline.get(id);
    const fallback: GuidelineText = { id, title: mine?.first.message ?? t('extName'), quote: '', why: '', instead: '', severity: mine?.first.severity ?? 'info' };
    return { id, text: texts?.[id] ?? fallback, words: [...(mine?.words ?? [])] };
  });
}

/** Block elements for one guideline; `level` is the heading level for its title. */
export function guidelineBlock(g: TouchedGuideline, level: 'h2' | 'h3', idPrefix: string, full: boolean): HTMLElement {
  const titleId = `${idPrefix}-${g.id}-title`;
  return h(
    'section',
    { class: `guideline severity-${g.text.severity}`, 'aria-labelledby': titleId, 'data-guideline': g.id },
    h(level, { id: titleId, class: 'g-title' }, g.text.title),
    g.text.quote ? h('blockquote', { class: 'quote' }, g.text.quote) : null,
    g.words.length ? h('p', { class: 'words' }, h('span', { class: 'label' }, t('triggeredByLabel')), ' ', g.words.map((w) => t('quoted', w)).join(', ')) : null,
    full && g.text.why ? h('p', { class: 'why' }, h('span', { class: 'label' }, t('whyLabel')), g.text.why) : null,
    full && g.text.instead ? h('p', { class: 'instead' }, h('span', { class: 'label' }, t('insteadLabel')), g.text.instead) : null,
  );
}
