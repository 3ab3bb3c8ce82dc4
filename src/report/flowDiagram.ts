/**
 * A component's flow diagram as standalone SVG (inlined in the HTML and PDF report,
 * rasterised for Word): nodes as boxes coloured and named by kind, in columns from where
 * patients enter to the exits, and each edge as an arrow as thick as the patients it carried
 * over the horizon, labelled with their mean number. Edges back to an earlier column
 * (readmissions) curve below the boxes.
 */
import type { NodeKind } from '../engine/model.js';
import { formatWhole } from './format.js';
import type { ReportFlow } from './networkData.js';
import { escapeXml, FONT } from './svgChart.js';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
}

export const KIND_COLOURS: Record<NodeKind, string> = { acute: '#D55E00', bed: '#0072B2', visit: '#009E73', delay: '#CC79A7', exit: '#4c6272' };
export const KIND_WORDS: Record<NodeKind, string> = { acute: 'acute beds', bed: 'beds', visit: 'visits at home', delay: 'time elsewhere', exit: 'exit' };

const BOX_WIDTH = 130;
const BOX_HEIGHT = 38;
const COLUMN_GAP = 80;
const ROW_GAP = 26;
const MARGIN = 16;
const TITLE_HEIGHT = 26;
const LEGEND_HEIGHT = 28;
/** Between lanes of edges that run above or below the boxes. */
const LANE_GAP = 12;
/** Room right of a column for an edge between two boxes of the column. */
const SIDE_LOOP = 34;

/**
 * Columns: a node's shortest number of moves from a node patients enter by (one no edge
 * leads into, or the first node when every node has one), exits all in the last column.
 */
export function diagramColumns(nodes: readonly DiagramNode[], flows: readonly ReportFlow[]): Map<string, number> {
  const column = new Map<string, number>();
  const fed = new Set(flows.map((f) => f.to));
  let frontier = nodes.filter((n) => n.kind !== 'exit' && !fed.has(n.id)).map((n) => n.id);
  if (frontier.length === 0 && nodes.length > 0) frontier = [nodes.find((n) => n.kind !== 'exit')?.id ?? nodes[0].id];
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (column.has(id)) continue;
      column.set(id, depth);
      for (const f of flows) if (f.from === id && !column.has(f.to)) next.push(f.to);
    }
    frontier = next;
  }
  // Nodes no edge reaches (another routing scenario's) start a column of their own at 0.
  for (const n of nodes) if (!column.has(n.id)) column.set(n.id, 0);
  const inner = nodes.filter((n) => n.kind !== 'exit').map((n) => column.get(n.id)!);
  const last = inner.length > 0 ? Math.max(...inner) + 1 : 0;
  for (const n of nodes) if (n.kind === 'exit') column.set(n.id, last);
  return column;
}

/** A cubic Bézier's point at `t`, for placing a label along an edge. */
function bezierAt(p: readonly number[], t: number): [number, number] {
  const u = 1 - t;
  const at = (i: number) => u * u * u * p[i] + 3 * u * u * t * p[i + 2] + 3 * u * t * t * p[i + 4] + t * t * t * p[i + 6];
  return [at(0), at(1)];
}

/** Where each edge leaves and enters its boxes: a node's edges spread down its side, in the order of the boxes at their other end. */
function ports(flows: readonly ReportFlow[], side: 'from' | 'to', rowKey: (id: string) => number): Map<ReportFlow, number> {
  const share = new Map<ReportFlow, number>();
  const byNode = new Map<string, ReportFlow[]>();
  for (const f of flows) byNode.set(f[side], [...(byNode.get(f[side]) ?? []), f]);
  for (const list of byNode.values()) {
    const other = side === 'from' ? 'to' : 'from';
    list.sort((a, b) => rowKey(a[other]) - rowKey(b[other]));
    list.forEach((f, i) => share.set(f, (i + 1) / (list.length + 1)));
  }
  return share;
}

/** `key` tells apart the diagrams of one document (their arrow markers' ids). */
export function flowDiagramSvg(title: string, nodes: readonly DiagramNode[], flows: readonly ReportFlow[], key = 0): { svg: string; width: number; height: number } {
  const arrow = `arrow-${key}`;
  const column = diagramColumns(nodes, flows);
  const columns = Math.max(...nodes.map((n) => column.get(n.id)!)) + 1;
  const rowOf = new Map<string, number>();
  const perColumn = new Array<number>(columns).fill(0);
  for (const n of nodes) rowOf.set(n.id, perColumn[column.get(n.id)!]++);
  const rows = Math.max(...perColumn);
  const drawn = flows.filter((f) => column.has(f.from) && column.has(f.to));
  const span = (f: ReportFlow) => column.get(f.to)! - column.get(f.from)!;
  // Edges skipping a column run in lanes above the boxes, edges back to an earlier column in lanes below.
  const over = drawn.filter((f) => span(f) > 1);
  const back = drawn.filter((f) => span(f) < 0);
  const laneTop = TITLE_HEIGHT + MARGIN;
  const boxesTop = laneTop + over.length * LANE_GAP + (over.length > 0 ? LANE_GAP : 0);
  const width = MARGIN * 2 + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP + SIDE_LOOP;
  const boxesBottom = boxesTop + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
  const height = boxesBottom + (back.length > 0 ? LANE_GAP * (back.length + 1) : 0) + LEGEND_HEIGHT + MARGIN;
  const x = (id: string) => MARGIN + column.get(id)! * (BOX_WIDTH + COLUMN_GAP);
  const y = (id: string) => boxesTop + rowOf.get(id)! * (BOX_HEIGHT + ROW_GAP);
  const rowKey = (id: string) => column.get(id)! * 1000 + rowOf.get(id)!;
  const out = ports(drawn.filter((f) => span(f) > 0), 'from', rowKey);
  const into = ports(drawn.filter((f) => span(f) > 0), 'to', rowKey);
  const most = Math.max(0, ...drawn.map((f) => f.total));
  const parts: string[] = [];
  parts.push(`<text x="${MARGIN}" y="${MARGIN + 4}" font-size="13" font-weight="bold" fill="#212b32">${escapeXml(title)}</text>`);
  const labels: string[] = [];
  for (const f of drawn) {
    const stroke = f.total > 0 && most > 0 ? 1 + (7 * f.total) / most : 1;
    const colour = f.total > 0 ? '#425563' : '#aeb7bd';
    const dash = f.type === 'overflow' ? ' stroke-dasharray="6 3"' : '';
    let path: string;
    let label: [number, number];
    if (span(f) > 0) {
      const x1 = x(f.from) + BOX_WIDTH;
      const y1 = y(f.from) + BOX_HEIGHT * out.get(f)!;
      const x2 = x(f.to) - 2;
      const y2 = y(f.to) + BOX_HEIGHT * into.get(f)!;
      if (span(f) === 1) {
        const bend = (x2 - x1) / 2;
        const p = [x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2];
        path = `M${p[0]},${p[1]} C${p[2]},${p[3]} ${p[4]},${p[5]} ${p[6]},${p[7]}`;
        label = bezierAt(p, 0.3);
      } else {
        const lane = laneTop + (over.indexOf(f) + 1) * LANE_GAP;
        const turn = COLUMN_GAP / 2;
        path = `M${x1},${y1} C${x1 + turn},${y1} ${x1 + turn},${lane} ${x1 + COLUMN_GAP},${lane} L${x2 - COLUMN_GAP},${lane} C${x2 - turn},${lane} ${x2 - turn},${y2} ${x2},${y2}`;
        label = [x1 + COLUMN_GAP + 30, lane];
      }
    } else if (span(f) === 0) {
      // Within a column (an overflow, a step down): a loop out of the right side and back in.
      const x1 = x(f.from) + BOX_WIDTH;
      const y1 = y(f.from) + BOX_HEIGHT / 2;
      const y2 = y(f.to) + BOX_HEIGHT / 2;
      path = `M${x1},${y1} C${x1 + SIDE_LOOP},${y1} ${x1 + SIDE_LOOP},${y2} ${x1 + 2},${y2}`;
      label = [x1 + (SIDE_LOOP * 3) / 4, (y1 + y2) / 2];
    } else {
      // Back to an earlier column: out of the bottom of the box, under every box, up into the target's bottom.
      const fromX = x(f.from) + BOX_WIDTH / 2;
      const toX = x(f.to) + BOX_WIDTH / 2;
      const lane = boxesBottom + (back.indexOf(f) + 1) * LANE_GAP;
      path = `M${fromX},${y(f.from) + BOX_HEIGHT} C${fromX},${lane} ${fromX},${lane} ${fromX - 20},${lane} L${toX + 20},${lane} C${toX},${lane} ${toX},${lane} ${toX},${y(f.to) + BOX_HEIGHT + 2}`;
      label = [(fromX + toX) / 2, lane];
    }
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="${stroke.toFixed(2)}"${dash} marker-end="url(#${arrow})"><title>${escapeXml(`${f.from} to ${f.to}: ${formatWhole(f.total)} patients`)}</title></path>`);
    labels.push(`<text x="${label[0].toFixed(1)}" y="${(label[1] + 3.5).toFixed(1)}" font-size="10" text-anchor="middle" fill="#212b32" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(formatWhole(f.total))}</text>`);
  }
  for (const n of nodes) {
    const colour = KIND_COLOURS[n.kind];
    parts.push(
      `<rect x="${x(n.id)}" y="${y(n.id)}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="4" fill="#fff" stroke="${colour}" stroke-width="2"/>` +
        `<text x="${x(n.id) + BOX_WIDTH / 2}" y="${y(n.id) + 16}" font-size="11" font-weight="bold" text-anchor="middle" fill="#212b32">${escapeXml(n.id)}</text>` +
        `<text x="${x(n.id) + BOX_WIDTH / 2}" y="${y(n.id) + 30}" font-size="9" text-anchor="middle" fill="${colour}">${escapeXml(KIND_WORDS[n.kind])}</text>`,
    );
  }
  parts.push(...labels);
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  const legendY = height - MARGIN - LEGEND_HEIGHT / 2;
  let legendX = MARGIN;
  for (const kind of kinds) {
    parts.push(`<rect x="${legendX}" y="${legendY - 6}" width="12" height="12" fill="#fff" stroke="${KIND_COLOURS[kind]}" stroke-width="2"/><text x="${legendX + 16}" y="${legendY + 4}" font-size="10" fill="#212b32">${escapeXml(KIND_WORDS[kind])}</text>`);
    legendX += 28 + KIND_WORDS[kind].length * 6;
  }
  parts.push(`<text x="${legendX + 8}" y="${legendY + 4}" font-size="10" fill="#4c6272">arrows: mean patients moved over the horizon; dashed: overflow</text>`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" role="img">` +
    `<title>${escapeXml(title)}</title><defs><marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#425563"/></marker></defs>` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}
