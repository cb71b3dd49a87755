/**
 * The LLM-written training rows on the Compare step: what was written and kept, what it cost, and each tree model's
 * score on the same held-out rows with and without the rows (the paired per-fold difference and its interval).
 */
import type { SynthesisResult } from '../../../../app/result/llm.js';
import { fmt, fmtCount } from '../../lib/format.js';

const points = (x: number): string => (Number.isNaN(x) ? '—' : `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)}`);

export function SynthesisResults({ synthesis: s }: { synthesis: SynthesisResult }) {
  const reasons = Object.entries(s.invalidReasons)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return (
    <div className="synthesis" data-testid="llm-synthesis">
      <h3>Training rows written by the LLM</h3>
      <p className="small">
        {s.message.charAt(0).toUpperCase()}
        {s.message.slice(1)}.
      </p>
      <p className="muted small">
        {fmtCount(s.rowsPerFold)} rows asked per training fold
        {s.folds[0]?.class !== undefined ? ` (class “${s.folds[0].class}”, the least frequent)` : ''}, written from that
        fold’s training rows only; invalid rows{reasons ? ` (${reasons})` : ''} and copies of real rows were dropped.{' '}
        {fmtCount(s.requests)} requests ({fmtCount(s.cachedResponses)} from the cache), {fmtCount(s.tokensIn)} tokens
        in, {fmtCount(s.tokensOut)} out.
      </p>
      {s.effects.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>Model</th>
                <th className="num">
                  {s.effects[0].metric === 'balancedAccuracy' ? 'Balanced accuracy' : 'R²'}, real rows
                </th>
                <th className="num">With written rows</th>
                <th className="num">Difference, points (95% interval)</th>
              </tr>
            </thead>
            <tbody>
              {s.effects.map((e) => (
                <tr key={e.model}>
                  <td>{e.label}</td>
                  <td className="num">{fmt(e.real)}</td>
                  <td className="num">{fmt(e.synthetic)}</td>
                  <td className="num">
                    {points(e.delta.mean)} ({points(e.delta.ci95[0])} to {points(e.delta.ci95[1])})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
