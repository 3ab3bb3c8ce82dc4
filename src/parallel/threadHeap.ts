/**
 * The heap of each worker thread a run starts (simulation and writer). V8 sizes a thread's
 * young generation by the memory it sees, up to 48 MB, and a run's threads garbage-collect
 * independently, so on a long run each holds that much, garbage mostly. 12 MB (4 MB semi-spaces)
 * is ample for what a scenario keeps between collections: on the synthetic national workbook
 * the peak fell from 956 to 770 MB for the same CPU seconds (46.2 against 45.9 user s, side by
 * side); 6 MB took a sixth more CPU.
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 } as const;
