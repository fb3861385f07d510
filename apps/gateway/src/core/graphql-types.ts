import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { TIMELINE_ENTRY_KINDS } from '../../../../libs/audit/src/timeline';
import { officeTimeLabel, zoneAbbreviation } from '../../../../libs/calendar/src/office-time';
import { CHANNELS, COMPLAINT_STATUSES, COMPLAINT_TYPES } from '../../../../libs/domain/src/complaint';
import { COMPLAINANT_ROLE, READ_ONLY_ROLES, STAFF_ROLES } from '../../../../libs/domain/src/roles';
import { ACTION_KINDS, ACTION_OUTCOMES, DURATION_UNITS } from '../../../../libs/domain/src/sop-model';

/**
 * The shared vocabulary of the schema: GraphQL enums whose values are the domain's own strings (so
 * the wire carries what it carried as `String`), the `DateTime` scalar and office-time display.
 */

/** An enum object `{ value: value }` from a list of domain strings, as `registerEnumType` wants it. */
function enumOf<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const ComplaintStatusEnum = enumOf(COMPLAINT_STATUSES);
registerEnumType(ComplaintStatusEnum, { name: 'ComplaintStatus', description: 'Status aduan.' });

export const ChannelEnum = enumOf(CHANNELS);
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Kanal masuknya aduan atau penyampaian jawaban.' });

export const ComplaintTypeEnum = enumOf(COMPLAINT_TYPES);
registerEnumType(ComplaintTypeEnum, { name: 'ComplaintType', description: 'Jenis aduan menurut klasifikasi.' });

export const ActionKindEnum = enumOf(ACTION_KINDS);
registerEnumType(ActionKindEnum, { name: 'ActionKind', description: 'Jenis tindakan sebuah langkah SOP.' });

/** Every outcome an action can have, plus `timeout` (a step left by its baku mutu's timeout rule). */
export const ACTION_OUTCOME_VALUES = [...new Set([...Object.values(ACTION_OUTCOMES).flat(), 'timeout'])];
export const ActionOutcomeEnum = enumOf(ACTION_OUTCOME_VALUES);
registerEnumType(ActionOutcomeEnum, {
  name: 'ActionOutcome',
  description: 'Hasil tindakan; transisi memilih langkah berikutnya menurutnya.',
});

export const VERIFICATION_OUTCOMES = ['accepted', 'tunda', 'bukan_wewenang', 'rejected'] as const;
export const VerificationOutcomeEnum = enumOf(VERIFICATION_OUTCOMES);
registerEnumType(VerificationOutcomeEnum, { name: 'VerificationOutcome', description: 'Hasil verifikasi aduan.' });

export const ROLES = [...STAFF_ROLES, ...READ_ONLY_ROLES, COMPLAINANT_ROLE] as const;
export const RoleEnum = enumOf(ROLES);
registerEnumType(RoleEnum, { name: 'Role', description: 'Peran petugas (atau pemohon) menurut SOP.' });

export const StaffRoleEnum = enumOf(STAFF_ROLES);
registerEnumType(StaffRoleEnum, {
  name: 'StaffRole',
  description: 'Peran petugas yang dapat bertindak pada langkah SOP.',
});

export const TimelineEntryKindEnum = enumOf(TIMELINE_ENTRY_KINDS);
registerEnumType(TimelineEntryKindEnum, {
  name: 'TimelineEntryKind',
  description: 'Jenis kejadian dalam riwayat aduan.',
});

export const DurationUnitEnum = enumOf(DURATION_UNITS);
registerEnumType(DurationUnitEnum, { name: 'DurationUnit', description: 'Satuan baku mutu: menit, jam, hari kerja.' });

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('Waktu harus ISO 8601 dengan zona waktu, mis. 2026-11-23T09:30:00+07:00.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * An instant as an ISO 8601 string with its zone. Inputs stay strings (validated, the given offset
 * kept); outputs are what the domain holds, ISO strings in UTC.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'Waktu ISO 8601 dengan zona, mis. 2026-11-23T02:30:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

@ObjectType('OfficeTime', { description: 'Satu waktu, juga dalam zona waktu kantor (WIB/WITA/WIT) untuk ditampilkan.' })
export class OfficeTimeObject {
  @Field(() => DateTimeScalar)
  at: string;

  @Field({ description: 'Waktu kantor dalam bahasa Indonesia, mis. "Senin, 23 Nov 2026 14.05 WIB"' })
  local: string;

  @Field({ description: 'Zona waktu kantor: WIB, WITA atau WIT' })
  zone: string;

  @Field({ description: 'Zona IANA, mis. Asia/Makassar' })
  timeZone: string;
}

/**
 * An instant in the office's zone. The Indonesian label (`local`, the costly part: an inbox page
 * holds some 150 instants) is made when first read, so only when a query selects it.
 */
export function officeTime(iso: string, timeZone: string): OfficeTimeObject;
export function officeTime(iso: string | undefined, timeZone: string): OfficeTimeObject | undefined;
export function officeTime(iso: string | undefined, timeZone: string): OfficeTimeObject | undefined {
  if (!iso) return undefined;
  let label: string | undefined;
  return {
    at: iso,
    get local() {
      return (label ??= officeTimeLabel(iso, timeZone));
    },
    zone: zoneAbbreviation(timeZone),
    timeZone,
  };
}
