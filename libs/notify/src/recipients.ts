import type { DataSource } from 'typeorm';
import type { StaffContactConfig } from '../../config/src/config';
import { listStaffUsers } from '../../persistence/src/catalog-store';

/** Someone a notification can reach: by e-mail, by phone (WhatsApp/SMS gateway), or both. */
export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Who works where in which role: the staff directory in PostgreSQL (`staff_users`, managed by office
 * administrators), plus contacts from configuration (`NOTIFY_STAFF_DIRECTORY`, e.g. a shared desk
 * address). The delivery activities only see this interface.
 */
export interface StaffDirectory {
  contacts(officeCode: string, roles: readonly string[]): Promise<Contact[]>;
}

export function configuredStaffDirectory(entries: readonly StaffContactConfig[]): StaffDirectory {
  return {
    contacts(officeCode, roles) {
      return Promise.resolve(
        entries
          .filter((entry) => entry.officeCode === officeCode && roles.includes(entry.role))
          .map((entry) => ({
            name: entry.name,
            ...(entry.email ? { email: entry.email } : {}),
            ...(entry.phone ? { phone: entry.phone } : {}),
          })),
      );
    },
  };
}

/** The active staff users of the office holding any of the roles, from the staff directory (`staff_users`). */
export function databaseStaffDirectory(dataSource: DataSource): StaffDirectory {
  return {
    async contacts(officeCode, roles) {
      const staff = await listStaffUsers(dataSource.manager, [officeCode]);
      return staff
        .filter((user) => user.active && user.roles.some((role) => roles.includes(role)))
        .map((user) => ({
          name: user.name,
          ...(user.email ? { email: user.email } : {}),
          ...(user.phone ? { phone: user.phone } : {}),
        }));
    },
  };
}

/** Every directory's contacts, each e-mail address and phone number once (the first directory wins). */
export function combinedStaffDirectory(directories: readonly StaffDirectory[]): StaffDirectory {
  return {
    async contacts(officeCode, roles) {
      const seen = new Set<string>();
      const combined: Contact[] = [];
      for (const directory of directories) {
        for (const contact of await directory.contacts(officeCode, roles)) {
          const keys = [contact.email?.toLowerCase(), contact.phone].filter((key): key is string => !!key);
          if (keys.length === 0 || keys.some((key) => seen.has(key))) continue;
          keys.forEach((key) => seen.add(key));
          combined.push(contact);
        }
      }
      return combined;
    },
  };
}
