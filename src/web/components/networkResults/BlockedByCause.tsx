/**
 * Bed-days blocked by cause for one network scenario: at each node, the bed-days its patients
 * spent blocked, split by the downstream node they waited for, as a stacked bar chart and as
 * a table with 95 % intervals.
 */
import { useMemo, useRef } from 'react';
import type { ComponentSummary } from '../../../engine/network/componentSummary.js';
import { formatOne, formatWhole } from '../../../report/format.js';
import { safeFileStem } from '../../../csv/fileName.js';
import { dataUrlToBytes, download } from '../../format.js';
import { scenarioStyle } from '../../palette.js';
import { EChart, useNarrow, type ChartHandle, type ChartOption, type LegendEntry } from '../EChart.js';
import { HelpLink } from '../HelpLink.js';
import { EstimateText } from './EstimateText.js';

const INK = '#212b32';

/** `days`: the horizon's length, to read bed-days as patients blocked on an average day. */
export function BlockedByCause({ summary, title, days }: { summary: ComponentSummary; title: string; days: number }) {
  const handle = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const held = useMemo(() => summary.blockedByCause.filter((c) => c.bedDays.mean > 0), [summary]);
  const holders = useMemo(() => [...new Set(held.map((c) => c.at))], [held]);
  const causes = useMemo(() => [...new Set(held.map((c) => c.waitingFor))], [held]);
  const colourOf = useMemo(() => new Map(causes.map((to, i) => [to, scenarioStyle(i).colour])), [causes]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: narrow ? 12 : 28, top: 30, bottom: 30, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${formatWhole(v)} bed-days` },
      xAxis: { type: 'value', name: 'bed-days blocked', nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: INK }, axisLabel: { color: INK, hideOverlap: true } },
      // The first node at the top, as the table lists them.
      // The axis is unnamed: a name there met the value axis's 0; the caption says the bars are the nodes that held them.
      yAxis: { type: 'category', inverse: true, data: holders, axisLabel: { color: INK } },
      series: causes.map((to) => ({
        name: to,
        type: 'bar',
        stack: 'blocked',
        itemStyle: { color: colourOf.get(to) },
        data: holders.map((at) => held.find((c) => c.at === at && c.waitingFor === to)?.bedDays.mean ?? 0),
      })),
    }),
    [held, holders, causes, colourOf, narrow],
  );
  const legend: LegendEntry[] = causes.map((to) => ({ label: `waiting for ${to}`, colour: colourOf.get(to) ?? INK, dash: 'solid', kind: 'bar' }));
  const file = safeFileStem(`blocked-${summary.key.id}`);
  return (
    <div data-testid="network-blocked">
      <h3 className="nhsuk-heading-s" id="network-blocked-heading">
        Blocked bed-days by cause — {title}
      </h3>
      <p className="nhsuk-body-s">
        Bed-days patients spent blocked <HelpLink term="blocked" /> over the horizon: their stay had ended but the next node had no room, so they kept their bed. Each bar is the node that held them,
        split by the node they were waiting for.
      </p>
      {held.length === 0 ? (
        <p className="nhsuk-body" data-testid="network-blocked-none">
          No patient was blocked in this scenario.
        </p>
      ) : (
        <>
          <figure className="pf-figure">
            <EChart option={option} label={`Blocked bed-days by the node that held them and the node they waited for, ${title}`} legend={legend} height={Math.max(200, 60 + holders.length * 44)} ref={handle} />
            <div className="pf-button-row">
              <button type="button" className="pf-link-button" onClick={() => download(`${file}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
                Download PNG<span className="nhsuk-u-visually-hidden"> of blocked bed-days by cause</span>
              </button>
              <button type="button" className="pf-link-button" onClick={() => download(`${file}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
                Download SVG<span className="nhsuk-u-visually-hidden"> of blocked bed-days by cause</span>
              </button>
            </div>
          </figure>
          <div className="pf-table-scroll" tabIndex={0} role="region" aria-label="Blocked bed-days by cause">
            <table className="nhsuk-table pf-table pf-table--cards" data-testid="network-blocked-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Blocked bed-days over the horizon, {title}: mean of the replications and 95 % interval</caption>
              <thead className="nhsuk-table__head pf-table__head--labels">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">Held at</th>
                  <th scope="col" className="nhsuk-table__header">Waiting for</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Blocked bed-days</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Patients a day (mean)</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {held.map((c) => (
                  <tr className="nhsuk-table__row" key={`${c.at}\u0000${c.waitingFor}`} data-at={c.at} data-waiting-for={c.waitingFor}>
                    <td className="nhsuk-table__cell" data-label="Held at"><span>{c.at}</span></td>
                    <td className="nhsuk-table__cell" data-label="Waiting for"><span>{c.waitingFor}</span></td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-label="Blocked bed-days" data-column="bed-days">
                      <span>
                        <EstimateText estimate={c.bedDays} format={formatWhole} />
                      </span>
                    </td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-label="Patients a day (mean)"><span>{formatOne(c.bedDays.mean / days)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
