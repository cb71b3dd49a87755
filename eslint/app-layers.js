// The layers inside app/, one line per folder: which other app/ folders its files may import (type-only imports
// included — a type still ties the two folders together). Like VS Code's code-layering rule, the table is the
// architecture: a new folder gets a line here, and an import the table does not allow is a lint error naming both ends.
// Read bottom to top: nothing imports upwards, so there can be no cycle between folders. ARCHITECTURE.md explains it.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const APP = resolve(ROOT, 'app');

/** Libraries that compute; each may use the ones listed before it. */
const LIBRARIES = ['evaluate', 'llm', 'explain'];
const BASE = ['util', 'models', 'engine', 'registry', 'data', 'pipeline', 'settings', 'result'];

export const APP_LAYERS = {
  // The workflow on top: the comparison (run, explanations, LLM part, estimate). Only the IPC contract is above it.
  compare: [...BASE, ...LIBRARIES, 'answer', 'audit', 'report', 'project'],
  // The contract between the desktop's processes: describes every call, so it may name anything below.
  ipc: [...BASE, ...LIBRARIES, 'answer', 'audit', 'report', 'project', 'compare'],
  // Consumers of finished results: the run record, the report, the project file. Never the workflow.
  report: [...BASE, ...LIBRARIES, 'answer', 'audit'],
  audit: [...BASE, ...LIBRARIES],
  project: [...BASE, ...LIBRARIES],
  // The answer drawn from finished model results (recommendation, baseline, primary metric, sizes): above the libraries.
  answer: [...BASE, ...LIBRARIES],
  // Models in and out (ONNX, SQL export; XGBoost, ONNX import): reads trained pipelines and the engine's trees.
  interop: [...BASE],
  // Libraries: each may use the ones before it (evaluate < llm < explain), never the workflow.
  explain: [...BASE, 'evaluate', 'llm'],
  llm: [...BASE, 'evaluate'],
  evaluate: [...BASE],
  // Result and settings types: the bottom of the workflow. result/ holds types only (see eslint.config.js).
  result: ['util', 'models', 'engine', 'registry', 'data', 'pipeline', 'settings'],
  settings: ['util', 'models'],
  pipeline: ['util', 'models', 'engine', 'registry', 'data'],
  data: ['util', 'models'],
  // Every model by id: the catalog joined to its learning code (the engine's and the others') — above both.
  registry: ['util', 'models', 'engine'],
  // The tree engine implements the estimator contract of models/; models/ never imports the engine.
  engine: ['util', 'models'],
  // The estimator contract, the model catalog, ml-cart and the linear model.
  models: ['util'],
  util: [],
  // app/version.ts and other files directly in app/.
  '.': [],
};

const folderOf = (file) => {
  const rel = relative(APP, file);
  if (rel.startsWith('..')) return undefined;
  return rel.includes(sep) ? rel.slice(0, rel.indexOf(sep)) : '.';
};

export const appLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'app/ folders import only the folders below them (eslint/app-layers.js)' },
    schema: [],
  },
  create(context) {
    const from = folderOf(context.filename);
    if (from === undefined) return {};
    const allowed = APP_LAYERS[from];
    if (allowed === undefined) {
      return {
        Program(node) {
          context.report({
            node,
            message: `app/${from}/ has no line in the layer table (eslint/app-layers.js): add one saying which folders it may import, and where it sits in ARCHITECTURE.md.`,
          });
        },
      };
    }
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = folderOf(resolve(dirname(context.filename), source.value));
      if (to === undefined || to === from || to === 'util' || to === '.' || allowed.includes(to)) return;
      context.report({
        node: source,
        message: `app/${from}/ may not import app/${to}/ (layers in eslint/app-layers.js: app/${from}/ may import ${allowed.join(', ') || 'nothing else'}). Move the shared piece down, or the caller up.`,
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { 'app-layers': appLayers } };
