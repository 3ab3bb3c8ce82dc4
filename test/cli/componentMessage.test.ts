import { describe, expect, it } from 'vitest';
import { packComponent, unpackComponent } from '../../src/cli/componentMessage.js';
import { networkDailyCsvBytes } from '../../src/csv/daily.js';
import { systemCsv } from '../../src/csv/networkFiles.js';
import { replicationRowsBytes } from '../../src/csv/replications.js';
import { FIXTURE_DATES, fixtureRun, flowsCsvFromPieces } from '../csv/networkFixtures.js';

describe("a component summary's message to the writer thread", () => {
  const components = fixtureRun().result.components!;

  it('makes the same rows of every file as the summary, after crossing to another thread', () => {
    for (const component of components) {
      const packed = packComponent(component);
      // As postMessage moves it: the figures' array transferred, the rest cloned.
      const received = unpackComponent(structuredClone(packed, { transfer: [packed.values.buffer] }));
      expect(packed.values.byteLength).toBe(0);
      expect(received.nodes).toHaveLength(component.nodes.length);
      received.nodes.forEach((node, i) => {
        expect(networkDailyCsvBytes(node, FIXTURE_DATES)).toEqual(networkDailyCsvBytes(component.nodes[i], FIXTURE_DATES));
        expect(replicationRowsBytes(node.scenario)).toEqual(replicationRowsBytes(component.nodes[i].scenario));
      });
      expect(flowsCsvFromPieces([received], FIXTURE_DATES)).toBe(flowsCsvFromPieces([component], FIXTURE_DATES));
      expect(systemCsv([received])).toBe(systemCsv([component]));
    }
  });

  it("carries only the scenario metrics a networked node's rows use", () => {
    const received = unpackComponent(packComponent(components[0]));
    expect(Object.keys(received.nodes[0].scenario.daily)).toEqual(['wait', 'cost']);
  });
});
