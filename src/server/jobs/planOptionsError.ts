/** A plan's options that cannot be used with this model: the route answers 400 naming `field`. */
export class PlanOptionsError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
