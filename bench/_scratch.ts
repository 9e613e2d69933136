import { mkdirSync } from 'node:fs';
import { scanJpeg } from './lib/fixtures';
mkdirSync('/tmp/bx/w', { recursive: true });
for (const [noise, q] of [[15, 85], [4, 72], [3, 70], [5, 70]]) {
  const j = await scanJpeg('/tmp/bx/w', 3, { noise, dpi: 150, quality: q });
  console.log(noise, q, j.length);
}
