/**
 * The report as a Word document (the `docx` package): the same blocks as the HTML, tables
 * as real Word tables (header rows repeat across pages), charts as PNG. Rasterising SVG is
 * injected: resvg in Node, a canvas in the browser.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { reportBlocks, reportTitle, type Block, type Cell, type Chart, type ReportOptions } from './content.js';
import type { ReportData } from './runData.js';

/** SVG text to PNG bytes, at `scale` times the SVG's own size. */
export type Rasterise = (svg: string, width: number, height: number, scale: number) => Promise<Uint8Array>;

/** Where making the document has got to: charts are most of the work, so they are counted. */
export type DocxProgress = { step: 'charts'; done: number; total: number } | { step: 'packing' };

export interface DocxOptions extends ReportOptions {
  onProgress?: (progress: DocxProgress) => void;
  /** Stops between charts: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Each chart's PNG, made before the document is built so that progress can be counted. */
type Rasterised = Map<Chart, Uint8Array>;

const FONT = 'Arial';
/** A4 less 15 mm margins, in pixels at 96 to the inch: the widest an image may be. */
const CONTENT_PX = Math.floor(((210 - 30) / 25.4) * 96);
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'AEB7BD' };

function text(value: string, options: { bold?: boolean; size?: number; colour?: string } = {}): TextRun {
  return new TextRun({ text: value, bold: options.bold, size: options.size, color: options.colour, font: FONT });
}

function cellOf(cell: Cell, numeric: boolean, size: number, header = false): TableCell {
  const alignment = numeric ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const children = [new Paragraph({ alignment, children: [text(cell.text, { bold: header || cell.best, size })] })];
  if (cell.sub) children.push(new Paragraph({ alignment, children: [text(cell.sub, { size: size - 3, colour: '4C6272' })] }));
  return new TableCell({
    children,
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDEE' } : cell.best ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F0F4F5' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
  });
}

function tableOf(block: Extract<Block, { kind: 'table' }>): FileChild[] {
  const size = block.compact ? 15 : 17;
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: block.columns.map((c) => cellOf({ text: c.label }, c.numeric ?? false, size, true)) });
  const rows = block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((cell, i) => cellOf(cell, block.columns[i]?.numeric ?? false, size)) }));
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [text(block.caption, { bold: true, size: 19 })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
    ...(block.note ? [new Paragraph({ children: [text(block.note, { size: 16 })] })] : []),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function imageOf(chart: Chart, maxWidth: number, pngs: Rasterised): ImageRun {
  const png = pngs.get(chart)!;
  const scale = Math.min(1, maxWidth / chart.width);
  return new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
    altText: { name: chart.title, title: chart.title, description: chart.title },
  });
}

function blockChildren(block: Block, pngs: Rasterised): FileChild[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({ spacing: { before: 3000 }, heading: HeadingLevel.TITLE, children: [text(block.title, { bold: true, size: 48, colour: '005EB8' })] }),
        new Paragraph({ spacing: { after: 480 }, children: [text(block.subtitle, { size: 30, colour: '4C6272' })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.facts.map(([k, v]) => new TableRow({ children: [cellOf({ text: k }, false, 20, true), cellOf({ text: v }, false, 20)] })),
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          pageBreakBefore: block.newPage,
          keepNext: true,
          spacing: { before: 240, after: 120 },
          children: [text(block.text, { bold: true, size: block.level === 1 ? 32 : block.level === 2 ? 26 : 22, colour: block.level === 1 ? '005EB8' : '212B32' })],
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: [text(block.text, { size: block.small ? 16 : 20 })] })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, spacing: { after: 80 }, children: [text(item, { size: 20 })] }));
    case 'table':
      return tableOf(block);
    case 'charts': {
      const paragraphs: FileChild[] = [];
      const per = block.perRow;
      const width = per === 2 ? Math.floor(CONTENT_PX / 2) - 6 : CONTENT_PX;
      for (let i = 0; i < block.charts.length; i += per) {
        const runs: Array<ImageRun | TextRun> = [];
        for (const [k, chart] of block.charts.slice(i, i + per).entries()) {
          if (k > 0) runs.push(text(' '));
          runs.push(imageOf(chart, width, pngs));
        }
        paragraphs.push(new Paragraph({ keepNext: block.keepTogether && i + per < block.charts.length, spacing: { after: 80 }, children: runs }));
      }
      return paragraphs;
    }
  }
}

async function rasteriseCharts(blocks: Block[], rasterise: Rasterise, options: DocxOptions): Promise<Rasterised> {
  const charts = blocks.flatMap((block) => (block.kind === 'charts' ? block.charts : []));
  const pngs: Rasterised = new Map();
  for (const [i, chart] of charts.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ step: 'charts', done: i, total: charts.length });
    // Twice the SVG's size: sharp when printed, and the size Word is given is the SVG's own.
    pngs.set(chart, await rasterise(chart.svg, chart.width, chart.height, 2));
  }
  options.signal?.throwIfAborted();
  options.onProgress?.({ step: 'charts', done: charts.length, total: charts.length });
  return pngs;
}

/** The .docx file's bytes. */
export async function reportDocx(data: ReportData, rasterise: Rasterise, options: DocxOptions = {}): Promise<Uint8Array> {
  const blocks = reportBlocks(data, options);
  const pngs = await rasteriseCharts(blocks, rasterise, options);
  options.onProgress?.({ step: 'packing' });
  // Packing is one synchronous stretch: a turn of the event loop first lets a page show the step.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const children = blocks.flatMap((block) => blockChildren(block, pngs));
  const document = new Document({
    creator: `Pathflow ${data.manifest.pathflow}`,
    title: reportTitle(data),
    description: 'Discharge to Assess capacity planning: a Pathflow simulation report',
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    numbering: {
      config: [{ reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 260 } } } }] }],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 850, bottom: 850, left: 850, right: 850 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 16, children: [`${reportTitle(data)} · page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
