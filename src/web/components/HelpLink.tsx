/**
 * A small "?" beside a figure or a field that opens its entry in the Help section. A real
 * link (it works without script, and middle-click opens it); the click moves focus to the
 * entry, so keyboard and screen-reader users land on the definition, not the page top.
 */
import type { MouseEvent } from 'react';
import { glossaryEntry } from '../../report/glossary.js';

export const glossaryAnchor = (id: string) => `glossary-${id}`;

/** Scrolls to an element of the page and focuses it, without touching the address bar. */
export function showOnPage(anchor: string, event?: MouseEvent): void {
  const target = document.getElementById(anchor);
  if (!target) return;
  event?.preventDefault();
  target.scrollIntoView({ block: 'start', behavior: 'instant' });
  target.focus({ preventScroll: true });
}

export function HelpLink({ term }: { term: string }) {
  const entry = glossaryEntry(term);
  const anchor = glossaryAnchor(entry.id);
  return (
    <a href={`#${anchor}`} className="pf-help-link" onClick={(event) => showOnPage(anchor, event)} data-testid={`help-${entry.id}`}>
      <span aria-hidden="true">?</span>
      <span className="nhsuk-u-visually-hidden">What is {entry.term}?</span>
    </a>
  );
}
