import { ROLE_LABELS, type ReadOnlyRole, type StaffRole } from '../../../../libs/domain/src/roles';
import type { SopRegistry } from '../catalog/sop-registry';

/** A made-up staff member for development sign-in: one per role each office's SOPs use. */
export interface DevUser {
  userId: string;
  name: string;
  roles: (StaffRole | ReadOnlyRole)[];
  office: string;
  officeName: string;
  roleLabel: string;
}

const NAMES = [
  'Sri Wahyuni',
  'Bambang Sutrisno',
  'Dewi Lestari',
  'Agus Prasetyo',
  'Rina Marlina',
  'Joko Santoso',
  'Ni Made Ayu',
  'I Ketut Wirawan',
  'Siti Aminah',
  'Hendra Gunawan',
  'Yuliana Putri',
  'Andi Saputra',
];

/** The development users, derived from the SOP catalog so that every step has someone to sign in as. */
export function devUsers(registry: SopRegistry): DevUser[] {
  const users: DevUser[] = [];
  for (const office of registry.offices()) {
    const roles = new Set<StaffRole>();
    for (const sop of registry.all()) {
      if (sop.office.code !== office.code || sop.id.endsWith('-test')) continue;
      for (const step of sop.steps) step.actorRoles.forEach((role) => roles.add(role));
      for (const step of sop.monthlyRecap?.steps ?? []) step.actorRoles.forEach((role) => roles.add(role));
    }
    [...roles].forEach((role, index) => {
      users.push({
        userId: `${role}-${office.code.toLowerCase()}`,
        name: NAMES[(users.length + index) % NAMES.length],
        roles: [role],
        office: office.code,
        officeName: office.name,
        roleLabel: ROLE_LABELS[role],
      });
    });
  }
  for (const role of ['supervisor', 'auditor'] as const) {
    users.push({
      userId: `${role}-semua`,
      name: role === 'supervisor' ? 'Pengawas Kabupaten' : 'Auditor Inspektorat',
      roles: [role],
      office: '*',
      officeName: 'Semua kantor',
      roleLabel: ROLE_LABELS[role],
    });
  }
  return users;
}
