/**
 * The one error type for "this request is not authenticated". Anything that throws it is making a policy
 * decision (the WebSocket closes with 4401, HTTP answers 401); any other error is an internal failure.
 */
export type AuthFailure =
  | 'missing-token'
  | 'malformed-token'
  | 'expired-token'
  | 'invalid-token'
  | 'revoked-token'
  | 'token-reused'
  | 'bad-credentials';

export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
