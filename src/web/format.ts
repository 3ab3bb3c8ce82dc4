/** Numbers as the page shows them (UK English); files keep full precision. */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export const formatWhole = (x: number) => whole.format(x);
export const formatOne = (x: number) => oneDecimal.format(x);
export const formatPounds = (x: number) => pounds.format(x);

export function formatPoundsShort(x: number): string {
  if (Math.abs(x) >= 1e6) return `£${oneDecimal.format(x / 1e6)}m`;
  if (Math.abs(x) >= 1e3) return `£${whole.format(x / 1e3)}k`;
  return pounds.format(x);
}

export { scenarioLabel } from '../report/scenarioText.js';

export function download(fileName: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL only after the click's task has run.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A `data:` URL's bytes (a chart's PNG), for download. */
export function dataUrlToBytes(url: string): Uint8Array<ArrayBuffer> {
  const base64 = url.slice(url.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
