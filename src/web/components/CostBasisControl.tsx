/**
 * The model's cost basis: how community care is priced everywhere the app shows a cost
 * (Results, Plan capacity, the report). Pricing follows simulation, so a change re-prices the
 * same replications and needs no new run.
 */
import { COST_BASES, type CostBasis, type ModelSpec } from '../../engine/model.js';
import { costBasisOf } from '../../engine/costBasis.js';

export const COST_BASIS_LABELS: Record<CostBasis, string> = {
  occupied: 'Per occupied bed-day or visit (IPACS)',
  commissioned: 'Per commissioned bed or place, used or not',
};

/** "on the occupied basis": said beside a cost, so no figure is read on the wrong one. */
export function basisPhrase(basis: CostBasis): string {
  return `on the ${basis} basis`;
}

export function CostBasisControl({ model, onChange }: { model: ModelSpec; onChange: (model: ModelSpec) => void }) {
  const basis = costBasisOf(model);
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" id="cost-basis" data-testid="cost-basis">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How community care is costed</legend>
        <p className="nhsuk-hint">
          Every cost in Results, Plan capacity and the report uses this. Changing it re-prices the last run at once; it does not need a new run.
        </p>
        <div className="nhsuk-radios nhsuk-radios--small">
          {COST_BASES.map((b) => (
            <div className="nhsuk-radios__item" key={b}>
              <input
                className="nhsuk-radios__input"
                id={`cost-basis-${b}`}
                type="radio"
                name="cost-basis"
                checked={basis === b}
                onChange={() => onChange({ ...model, costBasis: b })}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`cost-basis-${b}`}>
                {COST_BASIS_LABELS[b]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
