/**
 * The joint plans a planner's choices ask for, each checked the simulator can run before any
 * search starts, so the CLI and the server refuse the same component the same way, as bad input
 * rather than a failure halfway through planning.
 */
import type { ModelSpec } from '../engine/model.js';
import { networkOf } from '../engine/network/fromModel.js';
import { jointProblems, type JointChoice } from '../engine/network/jointProblem.js';
import { compileNetwork, NetworkModelError } from '../engine/network/networkModel.js';
import type { JointPlanProblem } from '../engine/network/jointPlan.js';

/** Throws JointPlanError for a choice that names nothing or cannot be planned, NetworkModelError (`component NAME: why`) for a component the simulator refuses. */
export function plannableJointProblems(model: ModelSpec, choice: JointChoice): { problems: JointPlanProblem[]; warnings: string[] } {
  const chosen = jointProblems(model, choice);
  for (const problem of chosen.problems) {
    try {
      compileNetwork(networkOf(model, problem.component, problem.scenario, { initialResidual: choice.initialResidual }).network);
    } catch (error) {
      if (error instanceof NetworkModelError) throw new NetworkModelError(`component ${problem.component.name}: ${error.message}`);
      throw error;
    }
  }
  return chosen;
}
