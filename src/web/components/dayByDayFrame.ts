/**
 * The frame every day-by-day chart of the app shares: UK dates along the bottom (the first
 * at the axis rather than centred on it, clear of the y axis's 0), the unit named at the top
 * of the y axis, labels that hide rather than overlap, and room for a phone's width.
 */
import { formatShortDate } from '../../report/format.js';
import type { ChartOption } from './EChart.js';

export const INK = '#212b32';

export function dayByDayFrame(dates: readonly string[], axis: string, narrow: boolean, format: (value: number) => string): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: narrow ? 12 : 28, top: 36, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: format },
    xAxis: {
      type: 'category',
      name: 'date',
      nameLocation: 'middle',
      nameGap: 28,
      data: dates.map(formatShortDate),
      axisLabel: { color: INK, hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' },
      nameTextStyle: { color: INK },
    },
    yAxis: { type: 'value', name: axis, nameLocation: 'end', nameTextStyle: { color: INK, align: 'left' }, axisLabel: { color: INK, hideOverlap: true } },
  };
}
