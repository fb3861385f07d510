import type { Actor } from '../../../../libs/domain/src/complaint';
import { isReadOnlyRole, isStaffRole, type StaffRole } from '../../../../libs/domain/src/roles';
import { forbidden, unauthenticated } from '../errors/gateway.errors';
import type { AuthUser, GatewayContext } from './auth.types';

/** The authenticated caller; UNAUTHENTICATED without a valid token. */
export function userOf(context: GatewayContext): AuthUser {
  if (!context.user) throw unauthenticated();
  return context.user;
}

const READ_ONLY = 'Peran pengawas dan auditor hanya dapat membaca, tidak dapat bertindak.';

/**
 * The staff role the caller acts in: the one requested (it must hold it), else the first of its
 * roles the step allows, else its first staff role. Supervisors and auditors never act.
 */
export function actingRole(user: AuthUser, requested?: string, allowed?: readonly string[]): StaffRole {
  const staffRoles = user.roles.filter((role): role is StaffRole => isStaffRole(role));
  if (staffRoles.length === 0) throw forbidden(READ_ONLY);
  if (requested) {
    if (!staffRoles.includes(requested as StaffRole)) {
      if (isReadOnlyRole(requested)) throw forbidden(READ_ONLY);
      // Only a known role name is echoed back, never arbitrary input.
      throw isStaffRole(requested)
        ? forbidden(`Anda tidak memiliki peran ${requested}.`)
        : forbidden('Peran tidak dikenal.');
    }
    return requested as StaffRole;
  }
  return staffRoles.find((role) => allowed?.includes(role)) ?? staffRoles[0]!;
}

export function actorOf(user: AuthUser, role: StaffRole): Actor {
  return { userId: user.sub, name: user.name, role, officeCode: user.office };
}
