/** The Help section: every word and measure the app uses, from the same data as docs/glossary.md. */
import { GLOSSARY } from '../../report/glossary.js';
import { glossaryAnchor } from './HelpLink.js';

export const GLOSSARY_ANCHOR = 'glossary';

export function Glossary() {
  return (
    <section className="pf-section pf-glossary" aria-labelledby={GLOSSARY_ANCHOR} data-testid="glossary">
      <h2 id={GLOSSARY_ANCHOR} className="nhsuk-heading-m" tabIndex={-1}>
        Help: words and measures
      </h2>
      <p className="nhsuk-body-s">
        What each figure and term in the results, the plan and the report means. Each “?” beside a figure brings you to its entry. The same text is in the project’s docs/glossary.md.
      </p>
      <dl className="pf-glossary__list">
        {GLOSSARY.map((entry) => (
          <div key={entry.id} id={glossaryAnchor(entry.id)} tabIndex={-1} className="pf-glossary__entry" data-testid={`glossary-${entry.id}`}>
            <dt className="nhsuk-heading-xs pf-glossary__term">{entry.term}</dt>
            <dd className="pf-glossary__text">
              {entry.text}
              {entry.formula && (
                <>
                  {' '}
                  <span className="pf-glossary__formula">Formula: {entry.formula}</span>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
