/** The one switch for small-number suppression in what this view lets you download. */
export function SmallCountSwitch({ suppress, onChange }: { suppress: boolean; onChange: (suppress: boolean) => void }) {
  return (
    <div className="nhsuk-form-group">
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id="suppress-small-counts" type="checkbox" checked={suppress} onChange={(e) => onChange(e.target.checked)} aria-describedby="suppress-small-counts-hint" />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="suppress-small-counts">
            Withhold counts of 1 to 4 from patient-level data
          </label>
          <div className="nhsuk-hint nhsuk-checkboxes__hint" id="suppress-small-counts-hint">
            On by default: downloads from an episode extract leave such counts empty and tables show “1–4”, so no one can be picked out. Sitrep figures are already published and are given as
            published.
          </div>
        </div>
      </div>
    </div>
  );
}
