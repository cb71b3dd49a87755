/**
 * One visual language: a colour means one thing. Model colours (catalog + LLM + unknown rows), class colours, sign
 * colours and the decision-path highlight are disjoint families, far apart to the eye (CIE76 ΔE in Lab), and the
 * desktop's stylesheet and the report read the same values from app/util/palette.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_CATALOG, modelColor } from '../../../app/models/catalog/index.js';
import {
  CLASS_COLORS,
  classColor,
  classDash,
  LLM_COLOR,
  paletteCssVariables,
  PATH_COLORS,
  SIGN_COLORS,
  UNKNOWN_MODEL_COLORS,
} from '../../../app/util/palette.js';
import { ROOT } from '../../helpers/run-cli.js';

/** sRGB hex → CIE L*a*b* (D65). */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, k) => v - lab(b)[k]));

const families: Record<string, readonly string[]> = {
  models: [...MODEL_CATALOG.map((m) => m.color), LLM_COLOR, ...UNKNOWN_MODEL_COLORS],
  classes: CLASS_COLORS,
  signs: [SIGN_COLORS.positive, SIGN_COLORS.negative],
  path: [PATH_COLORS.ink, PATH_COLORS.fill],
};
/** Below ~20 two colours start to read as "the same colour, a bit lighter"; the closest pair today is ~22. */
const MIN_DELTA_E = 20;

test('model, class, sign and path colours are disjoint families, each colour far from every other family', () => {
  for (const [name, colors] of Object.entries(families)) {
    for (const c of colors) assert.match(c, /^#[0-9A-F]{6}$/i, `${name}: ${c}`);
    assert.equal(new Set(colors.map((c) => c.toLowerCase())).size, colors.length, `${name} repeats a colour`);
  }
  const names = Object.keys(families);
  for (const [i, a] of names.entries())
    for (const b of names.slice(i + 1))
      for (const ca of families[a])
        for (const cb of families[b]) {
          assert.notEqual(ca.toLowerCase(), cb.toLowerCase(), `${a} and ${b} share ${ca}`);
          const d = deltaE(ca, cb);
          assert.ok(d >= MIN_DELTA_E, `${a} ${ca} and ${b} ${cb} look alike (ΔE ${d.toFixed(1)})`);
        }
  // The two signs must read as opposites, not shades of one colour.
  assert.ok(deltaE(SIGN_COLORS.positive, SIGN_COLORS.negative) > 50);
  // A pre-trained row's colour is one of the reserved model colours.
  assert.ok(UNKNOWN_MODEL_COLORS.includes(modelColor('file:model.json')));
});

test('a class keeps its colour by its place in the class list, wherever it is drawn', () => {
  const classes = ['bad', 'good'];
  assert.equal(classColor(classes, 'bad'), CLASS_COLORS[0]);
  assert.equal(classColor(classes, 'good'), CLASS_COLORS[1]);
  assert.notEqual(classColor(classes, 'bad'), classColor(classes, 'good'));
  assert.equal(classColor(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'g'), CLASS_COLORS[0]);
  assert.notEqual(classDash(classes, 'bad'), classDash(classes, 'good'));
});

test('the desktop stylesheet draws signs and paths from the palette variables and hard-codes no reserved colour', () => {
  const css = readFileSync(resolve(ROOT, 'renderer/src/styles.css'), 'utf8');
  const rule = (selector: string) => {
    const at = css.indexOf(`${selector} {`);
    assert.ok(at >= 0, `styles.css has no rule ${selector}`);
    return css.slice(at, css.indexOf('}', at));
  };
  assert.match(rule('.reasons li.plus .reason-bar span'), /var\(--sign-positive\)/);
  assert.match(rule('.reasons li.minus .reason-bar span'), /var\(--sign-negative\)/);
  assert.match(rule('.tree-edge.on-path path'), /var\(--path-ink\)/);
  assert.match(rule('.tree-node.on-path rect'), /var\(--path-fill\)/);
  const reserved = Object.values(families).flat();
  for (const hex of css.match(/#[0-9a-f]{6}\b/gi) ?? [])
    assert.ok(!reserved.some((c) => c.toLowerCase() === hex.toLowerCase()), `styles.css hard-codes ${hex}`);
  // The variables the stylesheet reads are the ones main.tsx sets from the palette.
  const main = readFileSync(resolve(ROOT, 'renderer/src/main.tsx'), 'utf8');
  assert.match(main, /paletteCssVariables\(\)/);
  for (const name of css.match(/var\(--(sign|path)-[a-z-]+\)/g) ?? [])
    assert.ok(name.slice(4, -1) in paletteCssVariables(), `${name} is not set from the palette`);
});
