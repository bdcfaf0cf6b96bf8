/**
 * The client other backend modules are meant to use to reach the auth service. Here the "service" is
 * in-process, so the client simply delegates to the canonical validator (the chain the SSOT plan wants:
 * caller → AuthServiceClient → jwt-handler).
 */
import { validateToken, type Claims } from '../auth_service/jwt-handler.js';

export class AuthServiceClient {
  async validate(token: string): Promise<Claims> {
    return validateToken(token);
  }
}
