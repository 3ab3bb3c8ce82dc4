/**
 * Draws kept for the scenarios that share them. Under common random numbers a node's
 * scenarios read the same streams, so many draws are the same across them (referral times
 * across capacity and LOS scenarios; stays and visit rates across capacity and arrival
 * scenarios). A thread keeps them here, by profile (what picks the draws: seed, node and
 * the distribution's parameters), within a bound on the values held. Nothing kept changes a
 * number, only how often it is computed.
 */
export class KeptDraws<Profile> {
  private readonly profiles = new Map<string, Profile>();
  private storedValues = 0;

  constructor(
    private readonly maxValues: number,
    private readonly create: () => Profile,
  ) {}

  /** The profile's draws, if any are kept. */
  find(key: string): Profile | undefined {
    return this.profiles.get(key);
  }

  /**
   * Makes room for `more` values. Past the bound every profile is dropped, rather than
   * tracking use: a run moves through its nodes in order, so what a later node needs is new
   * anyway. Returns true when it dropped them (nothing found before is kept then).
   */
  makeRoom(more: number): boolean {
    if (this.storedValues + more <= this.maxValues) return false;
    this.profiles.clear();
    this.storedValues = 0;
    return true;
  }

  /** The profile's draws, created if need be, counting `values` newly held in them. */
  hold(key: string, values: number): Profile {
    this.storedValues += values;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.create();
      this.profiles.set(key, profile);
    }
    return profile;
  }
}
