import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  CLOSED_STATUSES,
  COMPLAINT_TYPES,
  STATUS_LABELS,
  type ComplaintStatus,
} from '../../../../../libs/domain/src/complaint';
import type { Office } from '../../../../../libs/domain/src/sop';
import type { GatewayContext } from '../../auth/auth.types';
import type { SopRegistry } from '../../catalog/sop-registry';
import type { SubmitComplaintInput } from '../../complaints/complaint.input';
import { ComplaintCommandsService } from '../../complaints/services/complaint-commands.service';
import { DATA_SOURCE, SOP_REGISTRY } from '../../core/gateway.tokens';
import { Open311Errors } from '../open311.errors';

/** GeoReport v2 service list entry. */
export interface GeoReportService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface GeoReportAttribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'text' | 'singlevaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface GeoReportServiceDefinition {
  service_code: string;
  attributes: GeoReportAttribute[];
}

export interface GeoReportRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The POST body (form or JSON) as GeoReport names its fields; `attribute[code]` arrive as `attribute`. */
export type GeoReportPostFields = Record<string, unknown>;

export interface GeoReportPostResult {
  service_request_id: string | null;
  token: string;
  service_notice: string;
  account_id: null;
  /** Extension: what the complainant needs (with the register number) to track, supplement or withdraw. */
  tracking_code: string;
}

const YES = 'ya';
const TYPE_LABELS: Record<(typeof COMPLAINT_TYPES)[number], string> = {
  pengaduan: 'Pengaduan',
  aspirasi: 'Aspirasi',
  permintaan_informasi: 'Permintaan informasi',
};
const YES_NO = [
  { key: YES, name: 'Ya' },
  { key: 'tidak', name: 'Tidak' },
];
/** GET requests: at most this many, newest first; without dates the last 90 days (GeoReport's default). */
const MAX_REQUESTS = 200;
const DEFAULT_WINDOW_DAYS = 90;

function text(fields: GeoReportPostFields, name: string): string | undefined {
  const value = fields[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `attribute[code]`: a form parser gives `{ attribute: { code } }` or the flat key; JSON clients send either. */
function attribute(fields: GeoReportPostFields, code: string): string | undefined {
  const nested = fields.attribute;
  if (nested && typeof nested === 'object' && typeof (nested as Record<string, unknown>)[code] === 'string') {
    return ((nested as Record<string, string>)[code] ?? '').trim() || undefined;
  }
  return text(fields, `attribute[${code}]`);
}

function isoDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw Open311Errors.badDate(name);
  return new Date(parsed).toISOString();
}

/**
 * Open311 GeoReport v2 over the complaint services: each office with an SOP is one service; a POST
 * becomes a complaint through the same submission path (and validation) as the public form.
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly commands: ComplaintCommandsService,
    @Inject(SOP_REGISTRY) private readonly registry: SopRegistry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** Offices that take complaints (an active SOP), each with the categories its staff have used. */
  private offices(): Office[] {
    return this.registry.offices().filter((office) => this.registry.activeForOffice(office.code));
  }

  private office(serviceCode: string): Office {
    const office = this.offices().find((candidate) => candidate.code === serviceCode);
    if (!office) throw Open311Errors.unknownService(serviceCode);
    return office;
  }

  private async categories(officeCode?: string): Promise<Map<string, string[]>> {
    const rows: { office_code: string; category: string }[] = await this.dataSource.query(
      `SELECT DISTINCT office_code, category FROM complaints
        WHERE category IS NOT NULL AND ($1::text IS NULL OR office_code = $1) ORDER BY office_code, category`,
      [officeCode ?? null],
    );
    const byOffice = new Map<string, string[]>();
    for (const row of rows) byOffice.set(row.office_code, [...(byOffice.get(row.office_code) ?? []), row.category]);
    return byOffice;
  }

  private serviceName(office: Office): string {
    return `Pengaduan Masyarakat - ${office.name}`;
  }

  async services(): Promise<GeoReportService[]> {
    const categories = await this.categories();
    return this.offices().map((office) => ({
      service_code: office.code,
      service_name: this.serviceName(office),
      description: `Aduan, aspirasi dan permintaan informasi untuk ${office.name}, ditangani sesuai SOP kantor.`,
      metadata: true,
      type: 'realtime',
      keywords: (categories.get(office.code) ?? []).join(','),
      group: office.kind,
    }));
  }

  async definition(serviceCode: string): Promise<GeoReportServiceDefinition> {
    const office = this.office(serviceCode);
    const categories = (await this.categories(office.code)).get(office.code) ?? [];
    return {
      service_code: office.code,
      attributes: [
        {
          variable: true,
          code: 'jenis',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Pilih satu',
          order: 1,
          description: 'Jenis laporan',
          values: COMPLAINT_TYPES.map((type) => ({ key: type, name: TYPE_LABELS[type] })),
        },
        {
          variable: true,
          code: 'kategori',
          datatype: 'string',
          required: false,
          datatype_description:
            categories.length > 0 ? `Mis. ${categories.slice(0, 10).join(', ')}` : 'Mis. jalan, kebersihan',
          order: 2,
          description: 'Kategori menurut pelapor (petugas menetapkan kategori resmi)',
        },
        {
          variable: true,
          code: 'persetujuan_notifikasi',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Ya: kabar perkembangan dikirim ke e-mail/telepon yang diberikan',
          order: 3,
          description: 'Setuju diberi kabar lewat e-mail/telepon',
          values: YES_NO,
        },
        {
          variable: true,
          code: 'anonim',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Ya: nama pelapor tidak dicatat',
          order: 4,
          description: 'Laporkan tanpa nama',
          values: YES_NO,
        },
      ],
    };
  }

  /** A GeoReport POST as a complaint: same submission path and validation as the public form. */
  async submit(
    fields: GeoReportPostFields,
    context: GatewayContext,
    idempotencyKey?: string,
  ): Promise<GeoReportPostResult> {
    const serviceCode = text(fields, 'service_code');
    if (!serviceCode) throw Open311Errors.serviceRequired();
    const office = this.office(serviceCode);
    const description = text(fields, 'description');
    if (!description) throw Open311Errors.descriptionRequired();
    const lat = text(fields, 'lat');
    const long = text(fields, 'long');
    if ((lat === undefined) !== (long === undefined)) throw Open311Errors.badCoordinates();
    if (lat !== undefined && long !== undefined) {
      const [latitude, longitude] = [Number(lat), Number(long)];
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw Open311Errors.badCoordinates();
    }
    const name = [text(fields, 'first_name'), text(fields, 'last_name')].filter(Boolean).join(' ');
    const anonymous = attribute(fields, 'anonim') === YES || name === '';
    const type = attribute(fields, 'jenis');
    const category = attribute(fields, 'kategori');
    const mediaUrl = text(fields, 'media_url');
    const address = text(fields, 'address_string');
    const location = [address, lat !== undefined ? `(${lat}, ${long})` : undefined].filter(Boolean).join(' ');
    const typeLabel = type && type in TYPE_LABELS ? TYPE_LABELS[type as keyof typeof TYPE_LABELS] : undefined;
    const firstLine = description.split(/\r?\n/)[0]!;
    const input: SubmitComplaintInput = {
      clientRequestId: idempotencyKey ?? `open311-${randomUUID()}`,
      officeCode: office.code,
      channel: 'website',
      complainant: {
        anonymous,
        ...(anonymous ? {} : { name }),
        ...(text(fields, 'email') ? { email: text(fields, 'email') } : {}),
        ...(text(fields, 'phone') ? { phone: text(fields, 'phone') } : {}),
        notificationConsent: attribute(fields, 'persetujuan_notifikasi') === YES,
      },
      subject: firstLine.length > 120 ? `${firstLine.slice(0, 117)}...` : firstLine,
      content: [
        description,
        ...(typeLabel || category ? [''] : []),
        ...(typeLabel ? [`Jenis (pilihan pelapor): ${typeLabel}`] : []),
        ...(category ? [`Kategori (pilihan pelapor): ${category}`] : []),
        ...(mediaUrl ? [`Foto/lampiran: ${mediaUrl}`] : []),
      ].join('\n'),
      ...(location ? { location } : {}),
    };
    const result = await this.commands.submit(input, { ...context, user: undefined });
    return {
      service_request_id: result.registerNumber ?? null,
      token: result.complaintId,
      service_notice: result.registerNumber
        ? `Aduan diterima dengan nomor register ${result.registerNumber}. Simpan kode lacak ${result.trackingCode}.`
        : `Aduan diterima; nomor register menyusul. Simpan kode lacak ${result.trackingCode}.`,
      account_id: null,
      tracking_code: result.trackingCode,
    };
  }

  async requests(query: Record<string, string | undefined>): Promise<GeoReportRequest[]> {
    const ids = query.service_request_id
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const serviceCodes = query.service_code
      ?.split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    const status = query.status?.trim().toLowerCase();
    if (status !== undefined && status !== 'open' && status !== 'closed') throw Open311Errors.badStatus();
    const start = isoDate(query.start_date, 'start_date');
    const end = isoDate(query.end_date, 'end_date');
    const conditions = ['register_number IS NOT NULL'];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (ids?.length) {
      conditions.push(`(register_number = ANY(${param(ids)}) OR id::text = ANY(${param(ids)}))`);
    } else {
      // GeoReport: without ids, a window of dates (default the last 90 days).
      const from = start ?? new Date(Date.now() - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
      conditions.push(`submitted_at >= ${param(from)}`);
      if (end) conditions.push(`submitted_at < ${param(end)}`);
    }
    if (serviceCodes?.length) conditions.push(`office_code = ANY(${param(serviceCodes)})`);
    if (status) {
      conditions.push(`${status === 'closed' ? '' : 'NOT '}(status = ANY(${param(this.closedStatuses())}))`);
    }
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT id, register_number, office_code, status, subject, confidential, submitted_at, updated_at, due_at
         FROM complaints WHERE ${conditions.join(' AND ')}
        ORDER BY submitted_at DESC, id LIMIT ${MAX_REQUESTS}`,
      params,
    );
    return rows.map((row) => this.toRequest(row));
  }

  async request(id: string): Promise<GeoReportRequest> {
    const [found] = await this.requests({ service_request_id: id });
    if (!found) throw Open311Errors.requestNotFound(id);
    return found;
  }

  /** Answered complaints count as closed for GeoReport (the answer is the resolution). */
  private closedStatuses(): string[] {
    return [...CLOSED_STATUSES, 'dijawab'];
  }

  private toRequest(row: RequestRow): GeoReportRequest {
    const office = this.registry.offices().find((candidate) => candidate.code === row.office_code);
    const closed = this.closedStatuses().includes(row.status);
    return {
      service_request_id: row.register_number,
      status: closed ? 'closed' : 'open',
      status_notes: STATUS_LABELS[row.status as ComplaintStatus] ?? row.status,
      service_name: office ? this.serviceName(office) : row.office_code,
      service_code: row.office_code,
      // Confidential complaints show nothing of their content.
      description: row.confidential ? null : row.subject,
      agency_responsible: office?.name ?? row.office_code,
      service_notice: null,
      requested_datetime: row.submitted_at.toISOString(),
      updated_datetime: row.updated_at.toISOString(),
      expected_datetime: !closed && row.due_at ? row.due_at.toISOString() : null,
      // Location and media are personal data of the complainant: not published.
      address: null,
      lat: null,
      long: null,
      media_url: null,
    };
  }
}

interface RequestRow {
  id: string;
  register_number: string;
  office_code: string;
  status: string;
  subject: string;
  confidential: boolean;
  submitted_at: Date;
  updated_at: Date;
  due_at: Date | null;
}
