/**
 * A decision tree as readable rules: one IF … THEN … line per leaf, the conditions read from the root down.
 * Built from the tree view's nodes (the same nodes the desktop Inspect view draws), so the text and the
 * picture cannot disagree. Where missing values go is part of each condition ("… or missing").
 */
import type { TreeNodeView } from '../ipc/contract.js';

export function treeRules(nodes: readonly TreeNodeView[], target: string, modelLabel: string): string {
  if (nodes.length === 0) return '';
  const lines: string[] = [];
  const walk = (id: number, conditions: readonly string[]): void => {
    const node = nodes[id];
    if (node.left === undefined || node.right === undefined || node.feature === undefined) {
      const distribution = node.distribution
        ? ` (${Object.entries(node.distribution)
            .map(([label, p]) => `${label} ${(100 * p).toFixed(0)}%`)
            .join(', ')})`
        : '';
      const when = conditions.length ? `IF ${conditions.join('\n   AND ')}\n   ` : 'ALWAYS ';
      lines.push(`Rule ${lines.length + 1} — ${fmtRows(node.samples)}\n${when}THEN ${target} = ${node.prediction ?? '?'}${distribution}`);
      return;
    }
    const [goLeft, goRight] = splitConditions(node);
    walk(node.left, [...conditions, goLeft]);
    walk(node.right, [...conditions, goRight]);
  };
  walk(0, []);
  return `${modelLabel}: ${lines.length} rule${lines.length === 1 ? '' : 's'} predicting ${target} (one per leaf; every row matches exactly one)\n\n${lines.join('\n\n')}\n`;
}

function splitConditions(node: TreeNodeView): [string, string] {
  const f = node.feature as string;
  const missing = (left: boolean): string => (node.missingGoesLeft === undefined ? '' : node.missingGoesLeft === left ? ' or missing' : '');
  if (node.leftCategories) {
    const set = `{${node.leftCategories.join(', ')}}`;
    return [`${f} in ${set}${missing(true)}`, `${f} not in ${set}${missing(false)}`];
  }
  const t = node.threshold ?? NaN;
  if (t === Infinity) return [`${f} is present${missing(true)}`, `${f} is missing`];
  const strict = node.comparison === '<';
  return [`${f} ${strict ? '<' : '≤'} ${fmtThreshold(t)}${missing(true)}`, `${f} ${strict ? '≥' : '>'} ${fmtThreshold(t)}${missing(false)}`];
}

function fmtThreshold(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toPrecision(6)));
}

function fmtRows(samples: number | undefined): string {
  return samples === undefined ? 'training rows unknown' : `${samples.toLocaleString('en-US')} training row${samples === 1 ? '' : 's'}`;
}
