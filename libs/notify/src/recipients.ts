import type { StaffContactConfig } from '../../config/src/config';

/** Someone a notification can reach: by e-mail, by phone (WhatsApp/SMS gateway), or both. */
export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Who works where in which role. Read from configuration until the staff directory lives in
 * PostgreSQL; the delivery activities only see this interface, so the source can be swapped.
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
