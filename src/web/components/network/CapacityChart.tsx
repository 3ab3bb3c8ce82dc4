/** Capacity of one node and scenario over the horizon, day by day, as the calendar makes it. */
import { useMemo } from 'react';
import { formatShortDate } from '../../../report/format.js';
import { EChart } from '../EChart.js';

const INK = '#212b32';
const COLOUR = '#0072B2';

export function CapacityChart({ dates, capacity, label, unit }: { dates: readonly string[]; capacity: readonly number[]; label: string; unit: string }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 44 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: dates.map(formatShortDate),
        axisLabel: { color: INK, hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' },
      },
      yAxis: { type: 'value', name: unit, nameTextStyle: { color: INK }, axisLabel: { color: INK }, min: 0 },
      series: [{ type: 'line', name: label, step: 'end', showSymbol: false, data: [...capacity], lineStyle: { color: COLOUR, width: 2 }, itemStyle: { color: COLOUR } }],
    }),
    [dates, capacity, label, unit],
  );
  const low = Math.min(...capacity);
  const high = Math.max(...capacity);
  return (
    <div data-testid="calendar-chart" data-capacity-min={low} data-capacity-max={high}>
      <EChart option={option} height={200} legend={[{ label, colour: COLOUR, dash: 'solid' }]} label={`${label} over the horizon: from ${low} to ${high} ${unit}`} />
    </div>
  );
}
