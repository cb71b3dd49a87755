/**
 * The agreement heatmap as an inline SVG string, in the style of ./svg.ts: one square per pair of models, darker
 * where they agree more, the value written in it, each model named with its catalog colour. The shade is one
 * neutral blue scale (not a model colour: colours stay reserved for models). The desktop draws the same chart
 * with the same `heatShade` (app/util/palette.ts).
 */
import { heatShade } from '../util/palette.js';
import { esc } from './html.js';
import { svgDoc, truncate } from './svg.js';

export interface HeatmapInput {
  readonly labels: readonly string[];
  readonly colors: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
  readonly format: (value: number) => string;
  readonly title: string;
}

export function heatmap({ labels, colors, matrix, format, title }: HeatmapInput): string {
  const cell = 58;
  const left = 170;
  const top = 12;
  const n = labels.length;
  // Room on the right for the last slanted column label (18 characters at 35°).
  const width = left + n * cell + 100;
  const height = top + n * cell + 110;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = top + i * cell;
    parts.push(
      `<rect x="4" y="${y + cell / 2 - 5}" width="10" height="10" fill="${colors[i]}"/>`,
      `<text x="18" y="${y + cell / 2 + 4}">${esc(truncate(labels[i], 24))}</text>`,
    );
    for (let j = 0; j < n; j++) {
      const v = matrix[i][j];
      const shade = heatShade(v);
      const x = left + j * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${shade.fill}"/>`,
        `<text x="${x + (cell - 2) / 2}" y="${y + cell / 2 + 3}" text-anchor="middle" fill="${shade.text}">${v === null ? '—' : esc(format(v))}</text>`,
      );
    }
  }
  // Column labels, slanted so long model names fit under narrow columns.
  for (let j = 0; j < n; j++) {
    const x = left + j * cell + cell / 2;
    const y = top + n * cell + 8;
    parts.push(
      `<rect x="${x - 5}" y="${y}" width="10" height="10" fill="${colors[j]}"/>`,
      `<text transform="translate(${x + 2} ${y + 18}) rotate(35)">${esc(truncate(labels[j], 18))}</text>`,
    );
  }
  return svgDoc(width, height, title, parts);
}
