import type { Config, Role } from '../config.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

export interface Auth {
  role: Role;
  canWrite: boolean;
  /** May read e-mail and phone in clear. */
  canReadPii: boolean;
}

const PERMISSIONS: Record<Role, Omit<Auth, 'role'>> = {
  admin: { canWrite: true, canReadPii: true },
  service: { canWrite: true, canReadPii: false },
  analyst: { canWrite: false, canReadPii: false },
};

/**
 * API keys come from `Authorization: Bearer <key>` or `x-api-key`. With no API_KEYS configured
 * (local development) every caller is admin; main.ts logs a warning when that is so outside
 * development.
 */
export function authForRole(role: Role): Auth {
  return { role, ...PERMISSIONS[role] };
}

export function authenticate(config: Config['auth'], header: (name: string) => string | undefined): Auth {
  if (config.apiKeys === null) return authForRole('admin');
  const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1];
  const key = bearer ?? header('x-api-key');
  if (!key) throw new UnauthenticatedError('An API key is required: send `Authorization: Bearer <key>`.');
  const role = config.apiKeys.get(key.trim());
  if (!role) throw new UnauthenticatedError('The API key is not recognised.');
  return authForRole(role);
}

export function requireWrite(auth: Auth): void {
  if (!auth.canWrite) throw new ForbiddenError(`The role "${auth.role}" may not change data.`);
}

/** j***@example.com — keeps the domain (useful for analysis), hides the person. */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** +33******89 — keeps the country prefix and the last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 5) return '***';
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}
