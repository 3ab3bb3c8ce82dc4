/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no
 * external URL. Printable: A4 print CSS with a page break before each section and node.
 */
import { reportBlocks, reportTitle, type Block, type Cell, type ReportOptions } from './content.js';
import type { ReportData } from './runData.js';
import { escapeXml } from './svgChart.js';

const esc = escapeXml;

/** The report's only style sheet, inline; exported so the web server's CSP can allow exactly it by hash. */
export const REPORT_CSS = `
:root { color: #212b32; font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 10mm; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 8pt; color: #005eb8; }
h2 { font-size: 13.5pt; margin: 14pt 0 6pt; }
p { margin: 0 0 7pt; }
p.small { font-size: 9pt; }
ul { margin: 0 0 8pt 16pt; padding: 0; }
li { margin-bottom: 4pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12pt; font-size: 9.5pt; page-break-inside: auto; }
table.compact { font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; margin-bottom: 4pt; font-size: 10.5pt; }
th, td { border: 1px solid #aeb7bd; padding: 3pt 5pt; vertical-align: top; }
th { background: #e8edee; text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
td .sub { display: block; font-size: 7.5pt; color: #4c6272; }
td.best { font-weight: bold; background: #f0f4f5; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
.title-page { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.title-page h1 { font-size: 26pt; margin-bottom: 4pt; }
.title-page .subtitle { font-size: 15pt; color: #4c6272; margin-bottom: 24pt; }
.title-page table { width: auto; min-width: 60%; font-size: 11pt; }
.title-page th { width: 11em; }
.charts { display: grid; gap: 4mm; margin-bottom: 8pt; }
.charts.two { grid-template-columns: 1fr 1fr; }
.charts.together { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
.new-page { break-before: page; page-break-before: always; }
@page { size: A4; margin: 16mm 12mm 16mm 12mm; }
@media print { body { max-width: none; padding: 0; } .title-page { min-height: 250mm; } }
`;

function cellHtml(cell: Cell, numeric: boolean): string {
  const classes = [numeric ? 'num' : '', cell.best ? 'best' : ''].filter(Boolean).join(' ');
  return `<td${classes ? ` class="${classes}"` : ''}>${esc(cell.text)}${cell.sub ? `<span class="sub">${esc(cell.sub)}</span>` : ''}</td>`;
}

/** One block as HTML; other reports built from blocks (the fit report) share it. */
export function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return (
        `<section class="title-page"><h1>${esc(block.title)}</h1><p class="subtitle">${esc(block.subtitle)}</p>` +
        `<table><tbody>${block.facts.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table></section>`
      );
    case 'heading': {
      const tag = `h${block.level}`;
      return `<${tag}${block.newPage ? ' class="new-page"' : ''}>${esc(block.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p${block.small ? ' class="small"' : ''}>${esc(block.text)}</p>`;
    case 'bullets':
      return `<ul>${block.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table${block.compact ? ' class="compact"' : ''}><caption>${esc(block.caption)}</caption>` +
        `<thead><tr>${block.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('')}</tr></thead>` +
        `<tbody>${block.rows.map((row) => `<tr>${row.map((cell, i) => cellHtml(cell, block.columns[i]?.numeric ?? false)).join('')}</tr>`).join('\n')}</tbody></table>` +
        (block.note ? `<p class="small">${esc(block.note)}</p>` : '')
      );
    case 'charts':
      return (
        `<div class="charts${block.perRow === 2 ? ' two' : ''}${block.keepTogether ? ' together' : ''}">` +
        block.charts.map((c) => `<figure>${c.svg.replace(' xmlns="http://www.w3.org/2000/svg"', '')}</figure>`).join('\n') +
        `</div>`
      );
  }
}

export function reportHtml(data: ReportData, options: ReportOptions = {}): string {
  const blocks = reportBlocks(data, options);
  return (
    `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${esc(reportTitle(data))}</title>\n<meta name="generator" content="Pathflow ${esc(data.manifest.pathflow)}">\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n` +
    blocks.map(blockHtml).join('\n') +
    `\n</body>\n</html>\n`
  );
}
