/**
 * The desktop's colours, all from one home shared with the report: one per model (the catalog) and the palettes
 * for classes, signs, paths and matrices (app/util/palette.ts).
 */
export { modelColor } from '../../../app/models/catalog/index.js';
export { classColor, classDash, heatShade, paletteCssVariables } from '../../../app/util/palette.js';
