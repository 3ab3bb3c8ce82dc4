/**
 * A day-by-day line chart with its caption, full legend and PNG/SVG downloads, drawn as the
 * per-node charts are: UK dates on the x axis, the unit named on the y axis.
 */
import { useMemo, useRef, type ReactNode } from 'react';
import { safeFileStem } from '../../../csv/fileName.js';
import { dataUrlToBytes, download, formatOne } from '../../format.js';
import { dayByDayFrame } from '../dayByDayFrame.js';
import { EChart, useNarrow, type ChartHandle, type ChartOption, type LegendEntry } from '../EChart.js';

export interface Line {
  label: string;
  description?: string;
  values: ArrayLike<number>;
  colour: string;
  dash: 'solid' | 'dashed' | 'dotted';
}


export function LineFigure({ title, help, axis, dates, lines, file, testId }: { title: string; help?: ReactNode; axis: string; dates: readonly string[]; lines: Line[]; file: string; testId: string }) {
  const handle = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const option = useMemo<ChartOption>(
    () => ({
      ...dayByDayFrame(dates, axis, narrow, formatOne),
      series: lines.map((line) => ({
        name: line.label,
        type: 'line',
        data: Array.from(line.values),
        symbol: 'none',
        lineStyle: { color: line.colour, type: line.dash, width: 2 },
        itemStyle: { color: line.colour },
      })),
    }),
    [axis, dates, lines, narrow],
  );
  const legend: LegendEntry[] = lines.map((line) => ({ label: line.label, description: line.description, colour: line.colour, dash: line.dash }));
  const stem = safeFileStem(file);
  return (
    <figure className="pf-figure" data-testid={testId}>
      <figcaption className="nhsuk-heading-xs pf-figure__caption">
        {title} {help}
      </figcaption>
      <EChart option={option} label={`${title}: daily mean of ${lines.length} series`} legend={legend} ref={handle} />
      <div className="pf-button-row">
        <button type="button" className="pf-link-button" onClick={() => download(`${stem}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
          Download PNG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
        <button type="button" className="pf-link-button" onClick={() => download(`${stem}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
          Download SVG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
      </div>
    </figure>
  );
}
