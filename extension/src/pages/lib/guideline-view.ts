/** One guideline rendered for reading: title, the quoted sentence, why, and what to do instead. */
import type { GuidelineText } from '../../common/core-types';
import { t } from '../../common/i18n';
import { h } from './dom';

/** An `<article>` for `g`; `headingLevel` keeps the page outline right; `extra` goes into the header. */
export function guidelineArticle(g: GuidelineText, headingLevel: 'h2' | 'h3' = 'h3', extra?: Node): HTMLElement {
  const titleId = `g-${g.id}-title`;
  return h(
    'article',
    { class: 'guideline', id: `g-${g.id}`, 'aria-labelledby': titleId, 'data-guideline': g.id },
    h('header', {}, h(headingLevel, { id: titleId }, g.title), extra ?? null),
    g.quote ? h('figure', { class: 'figure', 'aria-label': t('quoteLabel') }, h('blockquote', { class: 'quote' }, g.quote)) : null,
    g.why ? h('p', {}, h('span', { class: 'label' }, t('whyLabel')), g.why) : null,
    g.instead ? h('p', {}, h('span', { class: 'label' }, t('insteadLabel')), g.instead) : null,
    h('p', { class: 'severity', 'data-severity': g.severity }, t(g.severity === 'warn' ? 'severityWarn' : 'severityInfo')),
  );
}
