/**
 * The model catalog: every model Sapling offers, in the order the CLI and UI list them — one line per model.
 * Light (descriptions only, no learning code): the renderer imports it for labels, colours and defaults.
 * The learning code for each id is found by app/registry/models.ts.
 */
import { LLM_COLOR, UNKNOWN_MODEL_COLORS } from '../../util/palette.js';
import type { ModelDescription } from '../describe.js';
import { boost } from './boost.js';
import { extraTrees } from './extra-trees.js';
import { forest } from './forest.js';
import { linear } from './linear.js';
import { mljsForest } from './mljs-forest.js';
import { mljsTree } from './mljs-tree.js';
import { tree } from './tree.js';

export const MODEL_CATALOG = Object.freeze([tree, forest, boost, extraTrees, mljsTree, mljsForest, linear] as const);

export type ModelId = (typeof MODEL_CATALOG)[number]['id'];

/** Every model id, in catalog order (the IPC contract's model enum derives from it). */
export const MODEL_IDS = MODEL_CATALOG.map((m) => m.id) as unknown as readonly [ModelId, ...ModelId[]];

/** The models `sapling compare` runs without --models and the app ticks at start. */
export const DEFAULT_MODELS: readonly ModelId[] = Object.freeze(
  MODEL_CATALOG.filter((m) => m.selectedByDefault).map((m) => m.id),
);

export function isModelId(id: string): id is ModelId {
  return MODEL_CATALOG.some((m) => m.id === id);
}

/** The description of a model, or undefined for an id the catalog does not know (e.g. from a newer file). */
export function modelDescription(id: string): ModelDescription<ModelId> | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/**
 * A model's one colour (Okabe–Ito based, colour-blind safe), the same in the desktop app and the exported
 * report whatever other models ran. 'llm' is the LLM baseline; unknown ids (pre-trained files) get a stable colour
 * of UNKNOWN_MODEL_COLORS. Other meanings (classes, signs, paths) have their own colours in app/util/palette.ts.
 */
export function modelColor(id: string): string {
  if (id === 'llm') return LLM_COLOR;
  const known = modelDescription(id);
  if (known) return known.color;
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return UNKNOWN_MODEL_COLORS[h % UNKNOWN_MODEL_COLORS.length];
}
