import type { DatasetProfile } from '../../../../app/data/profile.js';

/** The user's confirmation of the target; a near-constant target needs a second, explicit one. */
export interface TargetConfirmation {
  readonly target: string;
  readonly nearConstant: boolean;
}

interface Props {
  target: string;
  /** The file's profile (proposal) and the profile for the chosen target (its balance check). */
  fileProfile: DatasetProfile;
  targetProfile: DatasetProfile;
  confirmed: TargetConfirmation | null;
  included: ReadonlySet<string>;
  busy: boolean;
  onConfirm: (nearConstant: boolean) => void;
  onExclude: (columns: readonly string[]) => void;
}

/**
 * Checks before training (app/data/checks.ts): the proposed target and why, waiting for a click; a single-class
 * target that cannot be trained; a near-constant one that needs "Train anyway"; columns that look like protected
 * attributes, with one click to exclude them (their per-group error rates are reported either way).
 */
export function ChecksPanel({
  target,
  fileProfile,
  targetProfile,
  confirmed,
  included,
  busy,
  onConfirm,
  onExclude,
}: Props) {
  const proposal = fileProfile.proposedTarget;
  const verdict = targetProfile.checks?.target;
  const protectedColumns = (targetProfile.checks?.protected ?? []).filter((p) => p.column !== target);
  const used = protectedColumns.filter((p) => included.has(p.column));
  const reason =
    proposal?.column === target ? proposal.reason : `'${target}' is the usual target of this sample or project`;
  return (
    <section className="checks" aria-label="Checks before training" data-testid="checks">
      {confirmed === null && verdict?.kind !== 'single-class' && (
        <div className="check proposal" data-testid="target-proposal">
          <p>
            <strong>Proposed target: {target}</strong> — {reason}.{' '}
            <span className="muted">Pick another column under “What to predict” if this is not what you predict.</span>
          </p>
          <button
            type="button"
            className="button primary"
            onClick={() => onConfirm(false)}
            disabled={busy}
            data-testid="confirm-target"
          >
            Use ‘{target}’
          </button>
        </div>
      )}
      {proposal && proposal.refused.length > 0 && confirmed === null && (
        <ul className="check refused small" data-testid="refused-targets">
          {proposal.refused.map((r) => (
            <li key={r.column}>Not proposed: {r.reason}.</li>
          ))}
        </ul>
      )}
      {verdict?.kind === 'single-class' && (
        <p className="check blocked" role="alert" data-testid="target-blocked">
          {verdict.message}. Choose another column.
        </p>
      )}
      {verdict?.kind === 'near-constant' && (
        <div className="check near-constant" data-testid="target-near-constant">
          <p>{verdict.message}.</p>
          <label>
            <input
              type="checkbox"
              checked={confirmed?.nearConstant ?? false}
              onChange={(e) => onConfirm(e.target.checked)}
              disabled={busy}
              data-testid="confirm-near-constant"
            />{' '}
            Train anyway
          </label>
        </div>
      )}
      {protectedColumns.length > 0 && (
        <div className="check protected" data-testid="protected-notice">
          <p>
            <strong>Protected attributes:</strong>{' '}
            {protectedColumns.map((p) => `‘${p.column}’ (${p.category})`).join(', ')}.{' '}
            {used.length > 0
              ? 'The models may learn from them: exclude them if decisions must not depend on them.'
              : 'They are not used as features.'}{' '}
            Error rates per group are reported for them on Compare.
          </p>
          {used.length > 0 && (
            <button
              type="button"
              className="button secondary"
              onClick={() => onExclude(used.map((p) => p.column))}
              disabled={busy}
              data-testid="exclude-protected"
            >
              Exclude {used.length === 1 ? `‘${used[0].column}’` : `these ${used.length} columns`} from features
            </button>
          )}
        </div>
      )}
    </section>
  );
}
