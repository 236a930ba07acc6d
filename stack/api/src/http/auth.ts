import { createHash, randomBytes } from 'node:crypto';

import type { FastifyRequest } from 'fastify';

import type { Role } from '../settings.js';
import { findUserByTokenHash, type User } from '../store/users.js';
import { metrics } from '../telemetry/metrics.js';
import type { ApiContext } from './api-context.js';
import { httpErrors } from './http-error.js';

// Shape of a token we issue: a prefix, then 32 random bytes in base64url.
const TOKEN_PATTERN = /^rx_[A-Za-z0-9_-]{43}$/;

// A new bearer token; it is returned once and only its hash is stored.
export function newToken(): string {
  return `rx_${randomBytes(32).toString('base64url')}`;
}

// The SHA-256 a token is stored and looked up by.
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Resolves the bearer token to a user of one of the allowed roles, marks them active, or throws
// 401/403; each refusal is counted by reason in prescription_auth_failures_total.
export async function authenticate(
  ctx: ApiContext,
  request: FastifyRequest,
  allowed: readonly Role[],
): Promise<User> {
  const header = request.headers.authorization;
  if (!header) {
    metrics.authFailures.inc({ reason: 'missing' });
    throw httpErrors.unauthorized(
      'send Authorization: Bearer <token>, the token POST /users returned',
    );
  }

  const token = /^Bearer (\S+)$/i.exec(header)?.[1];
  if (!token || !TOKEN_PATTERN.test(token)) {
    metrics.authFailures.inc({ reason: 'malformed' });
    throw httpErrors.unauthorized(
      'the Authorization header is not "Bearer rx_..." as POST /users returned',
    );
  }

  const user = await findUserByTokenHash(ctx.pool, hashToken(token));
  if (!user) {
    metrics.authFailures.inc({ reason: 'unknown_token' });
    throw httpErrors.unauthorized('the bearer token belongs to no user; register with POST /users');
  }

  if (!allowed.includes(user.role)) {
    metrics.authFailures.inc({ reason: 'wrong_role' });
    throw httpErrors.forbidden(
      `a ${user.role} may not do this; it needs a ${allowed.join(' or ')}`,
    );
  }

  await markActive(ctx, user);
  return user;
}

// Marks a user active for the active-users gauge; a Redis hiccup must not fail the request.
export async function markActive(ctx: ApiContext, user: Pick<User, 'id' | 'role'>): Promise<void> {
  await ctx.activeUsers.touch(user.role, user.id).catch((err: unknown) => {
    ctx.logger.warning({ err }, 'active user not recorded');
  });
}
