/** Colours: one per model (from the catalog), a class palette and a heat scale. */

/** One colour per model, from the model catalog: the same in every chart and in the exported report. */
export { modelColor } from '../../../app/models/catalog/index.js';

const CLASS_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#8C564B',
  '#7F7F7F',
  '#BCBD22',
  '#17BECF',
];

export function classColor(index: number): string {
  return CLASS_COLORS[index % CLASS_COLORS.length];
}

/** White → deep blue for t in [0, 1]; returns the fill and a text colour readable on it. */
export function heatColor(t: number): { fill: string; text: string } {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const from = [247, 251, 255];
  const to = [8, 69, 148];
  const c = from.map((f, k) => Math.round(f + (to[k] - f) * x));
  return { fill: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, text: x > 0.55 ? '#ffffff' : '#102a43' };
}
