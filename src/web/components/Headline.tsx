/** Headline figures per scenario label, totalled over the nodes that have it. */
import { useMemo } from 'react';
import type { RunResult } from '../../engine/run.js';
import { formatPoundsShort, formatWhole, scenarioLabel } from '../format.js';
import { PageSection } from './PageSection.js';
import { nodesWithScenario } from '../scenarioCoverage.js';

export function Headline({ result, labels }: { result: RunResult; labels: string[] }) {
  const totals = useMemo(() => {
    const byLabel = new Map<string, { bedDays: number; cost: number; nodes: number }>();
    for (const s of result.scenarios) {
      const label = scenarioLabel(s.key);
      const t = byLabel.get(label) ?? { bedDays: 0, cost: 0, nodes: 0 };
      t.bedDays += s.horizon.delayedBedDays.mean;
      t.cost += s.horizon.totalCost.mean;
      t.nodes++;
      byLabel.set(label, t);
    }
    return byLabel;
  }, [result]);
  const nodeCount = new Set(result.scenarios.map((s) => s.key.node)).size;
  const horizon = `${result.dates[0]} to ${result.dates[result.dates.length - 1]}`;
  return (
    <PageSection id="headline-heading" heading={<>Headlines, {horizon}</>}>
      <p className="nhsuk-body-s">Totals over the horizon across all nodes; means of {result.replications} replications.</p>
      <ul className="pf-headline" data-testid="headline">
        {labels.map((label) => {
          const t = totals.get(label);
          if (!t) return null;
          return (
            <li key={label} className="pf-headline__item">
              <h3 className="nhsuk-heading-xs pf-headline__title">{label}</h3>
              <p className="pf-headline__figure">
                <span className="pf-headline__number">{formatWhole(t.bedDays)}</span> delayed bed-days
              </p>
              <p className="pf-headline__figure">
                <span className="pf-headline__number">{formatPoundsShort(t.cost)}</span> total cost
              </p>
              {t.nodes < nodeCount && <p className="nhsuk-body-s">{nodesWithScenario(t.nodes, nodeCount)}</p>}
            </li>
          );
        })}
      </ul>
    </PageSection>
  );
}
