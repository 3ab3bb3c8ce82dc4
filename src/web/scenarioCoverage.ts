/**
 * A headline card's note when its scenario exists on only some nodes, so its total is not
 * read as the whole system's. The verb follows the count: "1 of 9 nodes has", "2 of 9 nodes have".
 */
export function nodesWithScenario(nodes: number, of: number): string {
  return `${nodes} of ${of} nodes ${nodes === 1 ? 'has' : 'have'} this scenario`;
}
