/**
 * A fitted length of stay as the model's LOS scenario: the chosen family with its mean and
 * sd, the two figures every family of the model is fixed by (the workbook's mean_los and
 * sd_los), so the fit goes into a workbook without conversion.
 */
import type { LosScenario } from '../engine/model.js';
import type { LosFit } from './fitLengthOfStay.js';

/** IPACS names the baseline length-of-stay scenario `Blos`. */
export const BASELINE_LOS_SCENARIO = 'Blos';

export function losScenarioOf(fit: LosFit, name = BASELINE_LOS_SCENARIO): LosScenario {
  const { family, mean, sd } = fit.chosen;
  return { name, family, mean: mean.value, sd: sd.value };
}
