/**
 * The heap of each worker thread a run starts (simulation and writer). V8 sizes a thread's
 * young generation by the memory it sees, up to 48 MB, and a run's threads garbage-collect
 * independently, so on a long run each holds that much, garbage mostly. 12 MB (4 MB semi-spaces)
 * is ample for what a scenario keeps between collections. On the synthetic national workbook,
 * side by side: 770 MB peak at 12 MB against 956 at 48, the same CPU (51.8 against 51.5 s);
 * 6 MB took a sixth more CPU. Later runs at 12 MB peaked at 838-923 MB: when V8 collects moves
 * the peak by a hundred megabytes or so, so the saving is a rough figure.
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 } as const;
