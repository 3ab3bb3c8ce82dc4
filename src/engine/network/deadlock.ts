/**
 * Deadlock: nodes whose beds are all held by blocked patients, each waiting for a node in
 * the same condition. None of them can ever free a bed again (arrivals cannot free beds),
 * unless a capacity calendar adds one.
 */

/**
 * Marks in `stuck` the nodes that cannot move now and returns those that were not stuck
 * before (in node order), clearing nodes no longer stuck (a capacity rise freed them).
 *
 * The stuck set is the largest set S of nodes that are full of blocked patients and whose
 * blocked patients all wait for nodes in S: start from every node full of blocked patients
 * and drop, until nothing changes, any node with a patient waiting for a node outside the
 * set. Each node left has a blocked patient waiting inside the set, so following those
 * waits from any of them closes a cycle: the set is empty exactly when there is no deadlock.
 *
 * `blockedFor[u * n + j]` counts patients blocked at u waiting for j. `inSet` holds 1 for each
 * node full of blocked patients on entry and is used as the working set (the stuck set on
 * return): the caller keeps one array, since this runs at every capacity change.
 */
export function findStuckNodes(n: number, inSet: Uint8Array, blockedFor: Int32Array, stuck: Uint8Array): number[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (let u = 0; u < n; u++) {
      if (!inSet[u]) continue;
      for (let j = 0; j < n; j++) {
        if (blockedFor[u * n + j] > 0 && !inSet[j]) {
          inSet[u] = 0;
          changed = true;
          break;
        }
      }
    }
  }
  const fresh: number[] = [];
  for (let node = 0; node < n; node++) {
    if (inSet[node] && !stuck[node]) fresh.push(node);
    stuck[node] = inSet[node];
  }
  return fresh;
}
