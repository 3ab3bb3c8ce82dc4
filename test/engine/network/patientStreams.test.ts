/**
 * The per-patient streams kept in typed arrays draw exactly what createStream's objects draw,
 * however the patients' draws interleave.
 */
import { describe, expect, it } from 'vitest';
import { PatientStreams } from '../../../src/engine/network/patientStreams.js';
import { createStream, StreamPurpose, uniform, type UniformSource } from '../../../src/engine/random.js';

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

  it("draws random.ts's uniform bit for bit with its own uniform(), interleaved with next()", () => {
    const streams = new PatientStreams();
    const reference: UniformSource[] = [];
    for (let p = 0; p < 400; p++) {
      streams.seed(p, 20261207, 11 * p - 900, p, StreamPurpose.PatientJourney);
      reference.push(createStream(20261207, 11 * p - 900, p, StreamPurpose.PatientJourney));
    }
    let mismatches = 0;
    for (let round = 0; round < 50; round++) {
      for (let p = (round * 37) % 400; p < 400; p += 3) {
        const ours = streams.select(p);
        if (round % 5 === 4) {
          if (ours.next() !== reference[p].next()) mismatches++;
        } else if (!Object.is(ours.uniform(), uniform(reference[p]))) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
