/**
 * Line charts as hand-written SVG: axes, a shaded band, any number of series, and a legend.
 * Standalone documents (xmlns, width, height), so the same text is inlined in the HTML
 * report and rasterised to PNG for Word. Readable in greyscale: series differ by dash
 * pattern and marker shape as well as colour.
 */
import { formatTick, monthAbbreviation } from './format.js';

export const FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";
const TEXT = '#212b32';
const GRID = '#d8dde0';

/** Okabe–Ito, without yellow (too pale on white). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
/** stroke-dasharray values; the first series is solid. Six patterns against seven colours repeat only after 42 series. */
const DASHES = ['', '7 3', '2 2.5', '9 3 2 3', '4 4', '12 3 2 3 2 3'];
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'down' | 'cross';
const MARKERS: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'down', 'cross'];

export interface LineStyle {
  colour: string;
  dash: string;
  marker: MarkerShape;
  /** Open (white-filled) markers for the second round of shapes. */
  open: boolean;
}

export function lineStyle(index: number): LineStyle {
  return {
    colour: COLOURS[index % COLOURS.length],
    dash: DASHES[index % DASHES.length],
    marker: MARKERS[index % MARKERS.length],
    open: Math.floor(index / MARKERS.length) % 2 === 1,
  };
}

export interface Series {
  label: string;
  values: ArrayLike<number>;
  style: LineStyle;
}

export interface ChartSpec {
  width: number;
  height: number;
  title: string;
  /** Short text for screen readers (the SVG's <desc>). */
  description?: string;
  yLabel: string;
  dates: readonly string[];
  series: Series[];
  band?: { low: ArrayLike<number>; high: ArrayLike<number>; colour: string; label: string };
  /** Horizontal rules across the plot, each labelled at its left end: capacities on an occupancy chart. */
  rules?: Array<{ value: number; label: string }>;
  formatValue?: (value: number, step: number) => string;
  /** Draw a legend under the plot. */
  legend?: boolean;
  /** Values marked at every finite day with no line between them: observations beside the simulated lines. */
  points?: Series;
  /** An x axis other than dates (days of a stay): its name and ticks; `dates` then only sets the number of points. */
  xAxis?: { label: string; ticks: Array<{ index: number; label: string }> };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n = (x: number) => (Math.round(x * 10) / 10).toString();

/** Round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, target = 5): { ticks: number[]; step: number } {
  if (!(max > min)) {
    max = min === 0 ? 1 : min + Math.abs(min) * 0.1;
    if (min > 0) min = 0;
  }
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t <= max + step * 0.5 - 1e-9 && ticks.length < 50; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return { ticks, step };
}

/** Day indices for x ticks: the first of each month (every other or third one on long horizons), or weekly on short ones. */
export function dateTicks(dates: readonly string[]): Array<{ index: number; label: string }> {
  const months = dates.map((d, i) => ({ d, i })).filter(({ d, i }) => i === 0 || d.endsWith('-01'));
  if (months.length >= 3) {
    const every = Math.ceil(months.length / 7);
    let lastYear = '';
    return months
      .filter(({ d }) => d.endsWith('-01') || months.length < 2)
      .filter((_, k) => k % every === 0)
      .map(({ d, i }) => {
        const year = d.slice(0, 4);
        const label = year !== lastYear ? `${monthAbbreviation(d)} ${year}` : monthAbbreviation(d);
        lastYear = year;
        return { index: i, label };
      });
  }
  const step = Math.max(1, Math.ceil(dates.length / 6));
  const ticks = [];
  for (let i = 0; i < dates.length; i += step) ticks.push({ index: i, label: `${Number(dates[i].slice(8, 10))} ${monthAbbreviation(dates[i])}` });
  return ticks;
}

export function markerSvg(shape: MarkerShape, x: number, y: number, style: LineStyle, size = 3.2): string {
  const fill = style.open ? '#ffffff' : style.colour;
  const common = `fill="${fill}" stroke="${style.colour}" stroke-width="1.2"`;
  const s = size;
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(s)}" ${common}/>`;
    case 'square':
      return `<rect x="${n(x - s)}" y="${n(y - s)}" width="${n(2 * s)}" height="${n(2 * s)}" ${common}/>`;
    case 'triangle':
      return `<path d="M${n(x)} ${n(y - s * 1.2)}L${n(x + s * 1.1)} ${n(y + s * 0.8)}L${n(x - s * 1.1)} ${n(y + s * 0.8)}Z" ${common}/>`;
    case 'down':
      return `<path d="M${n(x)} ${n(y + s * 1.2)}L${n(x + s * 1.1)} ${n(y - s * 0.8)}L${n(x - s * 1.1)} ${n(y - s * 0.8)}Z" ${common}/>`;
    case 'diamond':
      return `<path d="M${n(x)} ${n(y - s * 1.3)}L${n(x + s * 1.1)} ${n(y)}L${n(x)} ${n(y + s * 1.3)}L${n(x - s * 1.1)} ${n(y)}Z" ${common}/>`;
    case 'cross':
      return `<path d="M${n(x - s)} ${n(y - s)}L${n(x + s)} ${n(y + s)}M${n(x - s)} ${n(y + s)}L${n(x + s)} ${n(y - s)}" fill="none" stroke="${style.colour}" stroke-width="1.6"/>`;
  }
}

/** The sample of a line: a short stroke in its dash with its marker. */
function legendKey(x: number, y: number, style: LineStyle): string {
  return `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + 30)}" y2="${n(y)}" stroke="${style.colour}" stroke-width="2" stroke-dasharray="${style.dash}"/>` + markerSvg(style.marker, x + 15, y, style);
}

export interface LegendItem {
  label: string;
  style?: LineStyle;
  /** A shaded swatch (a band) instead of a line. */
  swatch?: string;
  /** A rule's key: a plain dashed line in the rule colour. */
  rule?: boolean;
}

const CHAR_WIDTH = 6.2; // at 11 px, a generous average so labels never overlap
const LINE_HEIGHT = 13;
/** The capacity rules' colour and dash: grey and long-dashed, unlike any series. */
const RULE = '#4c6272';
const RULE_DASH = '10 4';

/** Words of `text` in lines of at most `chars` characters (a longer word gets a line of its own). */
function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * Legend items laid out in rows across `width`, every label in full: one too long for its
 * column wraps onto more lines. Returns the SVG elements and the height used.
 */
function legendBody(items: LegendItem[], width: number, top: number, left = 8): { body: string; height: number } {
  const itemWidth = Math.min(width - left, Math.max(...items.map((i) => 40 + i.label.length * CHAR_WIDTH)) + 14);
  const perRow = Math.max(1, Math.floor((width - left) / itemWidth));
  const chars = Math.max(8, Math.floor((itemWidth - 50) / CHAR_WIDTH));
  let body = '';
  let y = top + 9;
  for (let start = 0; start < items.length; start += perRow) {
    const row = items.slice(start, start + perRow).map((item) => ({ item, lines: wrapText(item.label, chars) }));
    row.forEach(({ item, lines }, k) => {
      const x = left + k * itemWidth;
      body += item.swatch
        ? `<rect x="${n(x)}" y="${n(y - 6)}" width="30" height="12" fill="${item.swatch}" fill-opacity="0.22" stroke="${item.swatch}" stroke-opacity="0.5"/>`
        : item.rule
          ? `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + 30)}" y2="${n(y)}" stroke="${RULE}" stroke-width="1.5" stroke-dasharray="${RULE_DASH}"/>`
          : legendKey(x, y, item.style!);
      body += `<text x="${n(x + 36)}" y="${n(y + 4)}" font-size="11">${lines.map((l, i) => `<tspan x="${n(x + 36)}" dy="${i === 0 ? 0 : LINE_HEIGHT}">${escapeXml(l)}</tspan>`).join('')}</text>`;
    });
    y += 18 + LINE_HEIGHT * (Math.max(...row.map((r) => r.lines.length)) - 1);
  }
  return { body, height: y - top - 9 + 4 };
}

/** A legend on its own, shared by the four charts of a node. */
export function legendSvg(items: LegendItem[], width: number, title = 'Legend'): { svg: string; width: number; height: number } {
  const { body, height } = legendBody(items, width, 2);
  return { svg: wrap(width, height + 4, title, `Line styles: ${items.map((i) => i.label).join(', ')}`, body), width, height: height + 4 };
}

function wrap(width: number, height: number, title: string, description: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT)}" fill="${TEXT}">` +
    `<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
  );
}

function finiteRange(values: Iterable<ArrayLike<number>>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const list of values) {
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return min === Infinity ? [0, 1] : [min, max];
}

/** A polyline path through the finite points; NaN breaks the line. */
function pathOf(values: ArrayLike<number>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n(x(i))} ${n(y(v))}`;
    pen = true;
  }
  return d;
}

export function lineChartSvg(spec: ChartSpec): string {
  const { width, height, dates, series, band } = spec;
  const format = spec.formatValue ?? formatTick;
  const marked = spec.points ? [spec.points] : [];
  const legendItems: LegendItem[] = spec.legend
    ? [...[...series, ...marked].map((s) => ({ label: s.label, style: s.style })), ...(band ? [{ label: band.label, swatch: band.colour }] : [])]
    : [];
  const legend = spec.legend ? legendBody(legendItems, width, 0) : { body: '', height: 0 };
  const rules = spec.rules ?? [];
  const [lo, hi] = finiteRange([...[...series, ...marked].map((s) => s.values), ...(band ? [band.low, band.high] : []), rules.map((r) => r.value)]);
  const { ticks, step } = niceTicks(Math.min(0, lo), hi);
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1];
  const tickLabels = ticks.map((t) => format(t, step));
  const left = 14 + Math.max(...tickLabels.map((t) => t.length)) * CHAR_WIDTH;
  const top = 30;
  const right = 12;
  // Room under the plot for the date ticks and the axis's name.
  const plotBottom = height - 38 - legend.height;
  const plotWidth = width - left - right;
  const plotHeight = plotBottom - top;
  const days = dates.length;
  const x = (i: number) => left + (days <= 1 ? 0 : (i / (days - 1)) * plotWidth);
  const y = (v: number) => plotBottom - ((v - yMin) / (yMax - yMin || 1)) * plotHeight;

  let body = `<text x="${n(left)}" y="14" font-size="12.5" font-weight="bold">${escapeXml(spec.title)}</text>`;
  body += `<text x="${n(left)}" y="26" font-size="10.5">${escapeXml(spec.yLabel)}</text>`;
  // Grid and y axis.
  ticks.forEach((t, k) => {
    const ty = y(t);
    body += `<line x1="${n(left)}" y1="${n(ty)}" x2="${n(left + plotWidth)}" y2="${n(ty)}" stroke="${GRID}" stroke-width="0.8"/>`;
    body += `<text x="${n(left - 5)}" y="${n(ty + 3.5)}" font-size="10.5" text-anchor="end">${escapeXml(tickLabels[k])}</text>`;
  });
  // X axis.
  body += `<line x1="${n(left)}" y1="${n(plotBottom)}" x2="${n(left + plotWidth)}" y2="${n(plotBottom)}" stroke="${TEXT}" stroke-width="1"/>`;
  body += `<line x1="${n(left)}" y1="${n(top)}" x2="${n(left)}" y2="${n(plotBottom)}" stroke="${TEXT}" stroke-width="1"/>`;
  for (const tick of spec.xAxis?.ticks ?? dateTicks(dates)) {
    const tx = x(tick.index);
    body += `<line x1="${n(tx)}" y1="${n(plotBottom)}" x2="${n(tx)}" y2="${n(plotBottom + 4)}" stroke="${TEXT}"/>`;
    body += `<text x="${n(tx)}" y="${n(plotBottom + 15)}" font-size="10.5" text-anchor="middle">${escapeXml(tick.label)}</text>`;
  }
  body += `<text x="${n(left + plotWidth / 2)}" y="${n(plotBottom + 29)}" font-size="10.5" text-anchor="middle">${escapeXml(spec.xAxis?.label ?? 'date')}</text>`;
  // Band: the high edge forwards, the low edge back.
  if (band) {
    let d = '';
    let first = true;
    for (let i = 0; i < days; i++) {
      if (!Number.isFinite(band.high[i])) continue;
      d += `${first ? 'M' : 'L'}${n(x(i))} ${n(y(band.high[i]))}`;
      first = false;
    }
    for (let i = days - 1; i >= 0; i--) if (Number.isFinite(band.low[i])) d += `L${n(x(i))} ${n(y(band.low[i]))}`;
    if (d) body += `<path d="${d}Z" fill="${band.colour}" fill-opacity="0.18" stroke="${band.colour}" stroke-opacity="0.45" stroke-width="0.6"/>`;
  }
  // Lines, then markers at staggered days so they do not pile up.
  const every = Math.max(1, Math.ceil(days / 8));
  series.forEach((s, k) => {
    const d = pathOf(s.values, x, y);
    if (d) body += `<path d="${d}" fill="none" stroke="${s.style.colour}" stroke-width="1.7" stroke-dasharray="${s.style.dash}" stroke-linejoin="round"/>`;
    const offset = Math.floor(((k % 6) * every) / 6);
    for (let i = offset; i < days; i += every) if (Number.isFinite(s.values[i])) body += markerSvg(s.style.marker, x(i), y(s.values[i]), s.style);
  });
  for (const s of marked) for (let i = 0; i < days; i++) if (Number.isFinite(s.values[i])) body += markerSvg(s.style.marker, x(i), y(s.values[i]), s.style, 2.6);
  // Rules last, over the lines, labelled alternately at the left and right ends so that close ones do not collide.
  rules.forEach((rule, k) => {
    const ry = y(rule.value);
    body += `<line x1="${n(left)}" y1="${n(ry)}" x2="${n(left + plotWidth)}" y2="${n(ry)}" stroke="${RULE}" stroke-width="1.5" stroke-dasharray="${RULE_DASH}"/>`;
    const atLeft = k % 2 === 0;
    body += `<text x="${n(atLeft ? left + 4 : left + plotWidth - 4)}" y="${n(ry - 3)}" font-size="10" text-anchor="${atLeft ? 'start' : 'end'}" class="rule">${escapeXml(rule.label)}</text>`;
  });
  if (spec.legend) body += `<g transform="translate(0 ${n(height - legend.height)})">${legend.body}</g>`;
  const description = spec.description ?? `${spec.title}: ${series.map((s) => s.label).join(', ')}`;
  return wrap(width, height, spec.title, description, body);
}
