/**
 * The per-patient streams kept in typed arrays draw exactly what createStream's objects draw,
 * however the patients' draws interleave.
 */
import { describe, expect, it } from 'vitest';
import { PatientStreams } from '../../../src/engine/network/patientStreams.js';
import { createStream, StreamPurpose, type UniformSource } from '../../../src/engine/random.js';

describe('PatientStreams', () => {
  it('gives createStream draws exactly, for interleaved patients, across growth of the arrays', () => {
    const streams = new PatientStreams();
    const reference: UniformSource[] = [];
    const patients = 3000; // beyond the initial 1024 slots
    for (let p = 0; p < patients; p++) {
      const purpose = p % 2 === 0 ? StreamPurpose.PatientJourney : StreamPurpose.InitialPatientJourney;
      streams.seed(p, 12345, -7 * p, p, purpose);
      reference.push(createStream(12345, -7 * p, p, purpose));
    }
    let compared = 0;
    for (let round = 0; round < 5; round++) {
      for (let p = patients - 1; p >= 0; p -= 1 + (round % 3)) {
        const ours = streams.select(p);
        for (let k = 0; k <= p % 4; k++) {
          expect(ours.next()).toBe(reference[p].next());
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10000);
  });

  it('keeps every seeded stream where it was when room is reserved ahead', () => {
    const streams = new PatientStreams();
    const reference: UniformSource[] = [];
    for (let p = 0; p < 700; p++) {
      streams.seed(p, 99, 3, p, StreamPurpose.PatientJourney);
      reference.push(createStream(99, 3, p, StreamPurpose.PatientJourney));
      if (p % 3 === 0) expect(streams.next()).toBe(reference[p].next());
    }
    streams.reserve(5000);
    for (let p = 700; p < 5000; p++) {
      streams.seed(p, 99, 3, p, StreamPurpose.PatientJourney);
      reference.push(createStream(99, 3, p, StreamPurpose.PatientJourney));
    }
    for (let p = 0; p < 5000; p += 7) expect(streams.select(p).next()).toBe(reference[p].next());
  });
});
