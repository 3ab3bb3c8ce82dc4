/**
 * A refusal with its HTTP status, thrown from any route or hook; the server's one error
 * handler (buildServer) turns it into an ErrorBody. 404 is also the answer for something
 * that exists in a workspace the caller is not a member of: its existence is not told.
 */
import type { ErrorBody } from './apiTypes.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Omit<ErrorBody['error'], 'message'> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): ErrorBody {
    return { error: { message: this.message, ...this.extra } };
  }
}

export const notSignedIn = () => new HttpError(401, 'sign in first, or send an API token as Authorization: Bearer <token>');
export const notFound = (what: string) => new HttpError(404, `${what} was not found`);
