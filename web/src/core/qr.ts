/// <reference path="../../../shared/pdf/qrcode-core.d.ts" />
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import { s } from './dom';

/**
 * A QR code drawn in the page as SVG (one path of dark modules, a 4-module quiet zone), from the
 * same encoder the PDFs use: nothing leaves the browser, and no inline markup is parsed.
 */
export function qrSvg(text: string, label: string, size = 240): SVGSVGElement {
  const qr = createQrCode(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const quiet = 4;
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (data[row * n + col]) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
  }
  const side = n + 2 * quiet;
  return s(
    'svg',
    { class: 'qr', width: size, height: size, viewBox: `0 0 ${side} ${side}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges' },
    s('rect', { width: side, height: side, fill: '#ffffff' }),
    s('path', { d, fill: '#000000' }),
  );
}
