/**
 * Scenario colours: the Okabe-Ito palette, distinguishable with the common colour-vision
 * deficiencies, ordered so the first few differ most. Yellow is left out: it has too little
 * contrast on white. Past seven scenarios the colours repeat with another line dash, so
 * any number of scenarios stays distinguishable without relying on colour alone.
 */
export const SCENARIO_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
export const LINE_DASHES = ['solid', 'dashed', 'dotted'] as const;

export function scenarioStyle(index: number): { colour: string; dash: (typeof LINE_DASHES)[number] } {
  return {
    colour: SCENARIO_COLOURS[index % SCENARIO_COLOURS.length],
    dash: LINE_DASHES[Math.floor(index / SCENARIO_COLOURS.length) % LINE_DASHES.length],
  };
}
