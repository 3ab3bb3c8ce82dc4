/** Editing a scenario's description in the app: once for every node, checked like the workbook's. */
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine/modelSchema.js';
import { describeScenarioEverywhere, scenarioDescriptionOf } from '../../src/web/scenarioDescriptionEdit.js';
import { smallModel } from '../workbook/fixtures.js';

describe('describeScenarioEverywhere', () => {
  it('sets the description of that name and kind at every node, and nothing else', () => {
    const edit = describeScenarioEverywhere(smallModel(), 'capacity', 'S1Cap', '  a tenth more beds ');
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.model.nodes.map((n) => n.capacity[1].description)).toEqual(['a tenth more beds', 'a tenth more beds', 'a tenth more beds']);
    expect(edit.model.nodes.map((n) => n.capacity[0])).toEqual(smallModel().nodes.map((n) => n.capacity[0]));
    expect(edit.model.nodes[0].los.every((l) => l.description === undefined)).toBe(true);
    expect(scenarioDescriptionOf(edit.model, 'capacity', 'S1Cap')).toBe('a tenth more beds');
    expect(validateModel(edit.model).ok).toBe(true);
  });

  it('removes the description when the text is blank', () => {
    const described = describeScenarioEverywhere(smallModel(), 'los', 'Blos', 'as today');
    if (!described.ok) throw new Error(described.reason);
    const cleared = describeScenarioEverywhere(described.model, 'los', 'Blos', ' ');
    expect(cleared.ok && cleared.model).toStrictEqual(smallModel());
  });

  it('refuses a description the schema would refuse, saying why', () => {
    expect(describeScenarioEverywhere(smallModel(), 'arrivals', 'S1Arr', 'x'.repeat(201))).toEqual({ ok: false, reason: 'S1Arr: the description is 201 characters long, over the limit of 200' });
    expect(describeScenarioEverywhere(smallModel(), 'arrivals', 'S1Arr', 'two\nlines')).toEqual({ ok: false, reason: 'S1Arr: the description holds a control character (a tab, line break or similar)' });
  });
});
