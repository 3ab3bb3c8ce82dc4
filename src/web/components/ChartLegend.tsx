/**
 * A chart's legend as HTML beneath it: every series listed in full, wrapping onto as many
 * lines as it needs, each with its line's colour and dash and the scenario's description.
 * ECharts' own legend pages long lists ("1/3") and cuts long names; a list does neither,
 * reads in order to a screen reader, and leaves the plot its full height.
 */
export interface LegendEntry {
  label: string;
  description?: string;
  colour: string;
  dash: 'solid' | 'dashed' | 'dotted';
  /** A line (default), a shaded band, or a bar. */
  kind?: 'line' | 'band' | 'bar';
}

const DASH_ARRAY = { solid: undefined, dashed: '6 3', dotted: '2 3' } as const;

function Swatch({ entry }: { entry: LegendEntry }) {
  return (
    <svg className="pf-legend__swatch" width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
      {entry.kind === 'band' || entry.kind === 'bar' ? (
        <rect x="1" y="1" width="26" height="10" fill={entry.colour} fillOpacity={entry.kind === 'band' ? 0.25 : 1} />
      ) : (
        <line x1="1" y1="6" x2="27" y2="6" stroke={entry.colour} strokeWidth="2.5" strokeDasharray={DASH_ARRAY[entry.dash]} />
      )}
    </svg>
  );
}

export function ChartLegend({ entries, label }: { entries: LegendEntry[]; label: string }) {
  return (
    <ul className="pf-legend" aria-label={label} data-testid="chart-legend">
      {entries.map((entry) => (
        <li key={entry.label} className="pf-legend__item" data-series={entry.label}>
          <Swatch entry={entry} />
          <span className="pf-legend__text">
            <span className="pf-legend__label">{entry.label}</span>
            {entry.description && <span className="pf-legend__description">: {entry.description}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
