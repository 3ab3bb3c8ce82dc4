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
    // Room on the right for half a date on a phone: ECharts centres a label on its day, and the
    // last one shown may be a few days before the end (which one depends on the font's widths),
    // so containLabel and alignMaxLabel alone let it run off the edge of a 390-pixel screen.
    grid: { left: 8, right: narrow ? 40 : 28, top: 36, bottom: 30, containLabel: true },
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
