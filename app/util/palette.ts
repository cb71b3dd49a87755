/**
 * Sapling's colours, other than each model's own (that one is in its catalog entry, app/models/catalog/<id>.ts).
 * One home for the desktop app and the exported report, so a colour means one thing everywhere:
 * - model colours (catalog, `LLM_COLOR`, `UNKNOWN_MODEL_COLORS`) name a model and nothing else;
 * - class colours are a neutral warm-grey family (a class is never confused with a model);
 * - sign colours are a diverging green/purple pair (ColorBrewer PRGn/PiYG ends, readable with colour blindness);
 * - the decision-path highlight is near-black ink on a highlighter yellow.
 * test/app/util/palette.test.ts checks the families are disjoint and far apart (CIE ΔE), and that the app's CSS
 * variables and the report's CSS carry these values.
 */

/** The LLM baseline is not a model of the catalog but sits in the same charts. */
export const LLM_COLOR = '#E69F00';

/** For rows the catalog does not know (a pre-trained `file:` model): hues no catalog model, class, sign or path uses. */
export const UNKNOWN_MODEL_COLORS: readonly string[] = Object.freeze(['#E7298A', '#BBCC33', '#EE8866', '#6E2C00']);

/**
 * Class colours, in the target's class order; dark and light alternate so neighbouring classes differ. A neutral
 * family: the class is always named next to its colour, and a hue would read as a model.
 */
export const CLASS_COLORS: readonly string[] = Object.freeze([
  '#6B625A',
  '#B8AFA6',
  '#8F867D',
  '#D6CFC8',
  '#4F4842',
  '#A1978E',
]);

/** Dash patterns that go with CLASS_COLORS on line charts, so greys of similar lightness stay apart. */
export const CLASS_DASHES: readonly string[] = Object.freeze(['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4']);

/** A reason's sign: what pushes the prediction up (positive) or down (negative), e.g. a SHAP value. */
export const SIGN_COLORS = Object.freeze({ positive: '#4D9221', negative: '#762A83' });

/** The path a row takes through a tree: ink for edges and outlines, a highlighter fill behind nodes and text. */
export const PATH_COLORS = Object.freeze({ ink: '#1A1A1A', fill: '#FFE08A' });

/** Axes, grid lines and metric lines that are neither a model nor a class (threshold curves, chance lines). */
export const CHART_INK = Object.freeze({ text: '#0f172a', strong: '#475569', soft: '#94a3b8', grid: '#e2e8f0' });

/** The colour of class `label` among `classes` (the target's classes, in their order); by position otherwise. */
export function classColor(classes: readonly string[], label: string): string {
  const k = classes.indexOf(label);
  return CLASS_COLORS[(k < 0 ? 0 : k) % CLASS_COLORS.length];
}

/** The dash pattern of class `label` on a line chart (see CLASS_DASHES). */
export function classDash(classes: readonly string[], label: string): string {
  const k = classes.indexOf(label);
  return CLASS_DASHES[(k < 0 ? 0 : k) % CLASS_DASHES.length];
}

/**
 * One sequential scale for matrices (agreement, confusion): white-grey (0) → deep blue (1), linear in RGB, with a
 * text colour readable on the fill; null or non-finite is a flat grey. Not a model colour: it is always a shade.
 */
export function heatShade(value: number | null): { fill: string; text: string } {
  if (value === null || !Number.isFinite(value)) return { fill: '#e2e8f0', text: '#475569' };
  const v = Math.min(1, Math.max(0, value));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * v);
  const fill = `rgb(${mix(241, 30)}, ${mix(245, 58)}, ${mix(249, 138)})`;
  return { fill, text: v > 0.55 ? '#ffffff' : '#0f172a' };
}

/**
 * The palette as CSS custom properties: the desktop app sets them on <html> at start (styles.css reads them) and the
 * report writes them into its <style>, so both draw signs and paths from these values.
 */
export function paletteCssVariables(): Record<string, string> {
  return {
    '--sign-positive': SIGN_COLORS.positive,
    '--sign-negative': SIGN_COLORS.negative,
    '--path-ink': PATH_COLORS.ink,
    '--path-fill': PATH_COLORS.fill,
  };
}
