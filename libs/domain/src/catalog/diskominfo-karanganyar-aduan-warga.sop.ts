import type { RecapStep, SopDefinitionInput } from '../sop';
import { DISKOMINFO_KARANGANYAR } from './offices';

/** A step of the monthly recap (seed 002 steps 5–7), for the recap workflow. */
export type RecapStepDefinition = RecapStep;

export const DISKOMINFO_MONTHLY_RECAP: readonly RecapStepDefinition[] = [
  {
    key: 'recap',
    title:
      'Mencatat dan merekap aduan dan tanggapannya sebagai bahan laporan dan evaluasi kepada Kepala Diskominfo secara bulanan',
    actorRoles: ['admin_diskominfo'],
    bakuMutu: { amount: 30, unit: 'minutes' },
    output: 'Catatan aduan warga',
    action: 'compile',
    escalationRoles: ['kepala_diskominfo'],
  },
  {
    key: 'evaluate',
    title: 'Mengevaluasi aduan dan tanggapannya secara bulanan (perlu evaluasi / tidak ada evaluasi)',
    actorRoles: ['kepala_diskominfo'],
    bakuMutu: { amount: 30, unit: 'minutes' },
    output: 'Laporan dan rekap aspirasi/aduan warga',
    action: 'evaluate',
    // The Kepala is the top of the office: the breach reminds him and the admin who follows it up.
    escalationRoles: ['kepala_diskominfo', 'admin_diskominfo'],
  },
  {
    key: 'archive_disposition',
    title: 'Mengarsip disposisi Kepala Diskominfo terhadap laporan rekap',
    actorRoles: ['admin_diskominfo'],
    bakuMutu: { amount: 15, unit: 'minutes' },
    output: 'Laporan dan rekap aspirasi/aduan warga yang sudah ada disposisi Kepala Diskominfo',
    action: 'archive',
    escalationRoles: ['kepala_diskominfo'],
  },
];

/**
 * Seed 002: Diskominfo Kabupaten Karanganyar — "Penanganan Aduan Warga", No. 000.8.3.3/18.20 Tahun
 * 2025 (made 17 March 2020, revised 13 January 2025, effective 20 January 2025). Channels: website,
 * SMS, WhatsApp, Facebook, Twitter/X, Instagram. Every complaint and every answer of the OPD admin
 * is recorded and recapped. Warning: not following it hinders complaint handling.
 *
 * Steps 1–4 run per complaint. The seed's step 3 ("forward to the responsible OPD admin if nobody in
 * the group answers promptly") is modelled as a wait for the group's response whose timeout
 * transition leads to the direct forward. Steps 5–7 are the monthly recap over all complaints, not
 * per complaint: see DISKOMINFO_MONTHLY_RECAP.
 */
export const DISKOMINFO_KARANGANYAR_ADUAN_WARGA: SopDefinitionInput = {
  id: 'diskominfo-karanganyar-aduan-warga',
  version: 1,
  title: 'Penanganan Aduan Warga',
  sopNumber: '000.8.3.3/18.20 Tahun 2025',
  effectiveDate: '2025-01-20',
  office: DISKOMINFO_KARANGANYAR,
  source: '002_30e759989b01362c.txt',
  startStep: 'receive',
  steps: [
    {
      key: 'receive',
      title: 'Menerima aspirasi/aduan dari warga melalui website, SMS, WA, Facebook, Twitter, maupun Instagram',
      actorRoles: ['admin_diskominfo'],
      action: 'verify',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Aduan',
      transitions: [{ when: 'accepted', to: 'forward_group' }],
      escalationRoles: ['kepala_diskominfo'],
    },
    {
      key: 'forward_group',
      title: 'Meneruskan aduan ke grup aduan (grup koordinasi admin OPD)',
      actorRoles: ['admin_diskominfo'],
      action: 'forward',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Aduan yang sudah diteruskan ke grup',
      transitions: [{ to: 'group_response' }],
      escalationRoles: ['kepala_diskominfo'],
    },
    {
      key: 'group_response',
      title: 'Menanggapi aduan di grup aduan oleh admin OPD terkait',
      actorRoles: ['admin_opd'],
      action: 'coordinate',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Aduan yang sudah ditanggapi admin OPD di grup',
      transitions: [{ to: 'reply' }],
      onTimeout: { kind: 'transition', to: 'forward_opd' },
      escalationRoles: ['admin_diskominfo'],
    },
    {
      key: 'forward_opd',
      title: 'Meneruskan aduan ke admin OPD terkait karena aduan di grup tidak segera ditanggapi',
      actorRoles: ['admin_diskominfo'],
      action: 'forward',
      bakuMutu: { amount: 60, unit: 'minutes' },
      output: 'Aduan yang sudah diteruskan ke admin OPD',
      transitions: [{ to: 'reply' }],
      escalationRoles: ['kepala_diskominfo'],
    },
    {
      key: 'reply',
      title: 'Menyampaikan tanggapan/balasan kepada pihak yang menyampaikan aduan/warga',
      actorRoles: ['admin_opd', 'admin_diskominfo'],
      action: 'deliver',
      bakuMutu: { amount: 3, unit: 'working_days' },
      output: 'Balasan/tanggapan yang disampaikan kepada warga',
      transitions: [{ to: 'END' }],
      escalationRoles: ['admin_diskominfo', 'kepala_diskominfo'],
    },
  ],
  supervisorRoles: ['kepala_diskominfo', 'supervisor', 'auditor'],
  policies: { reopenStep: 'forward_opd' },
  monthlyRecap: { steps: [...DISKOMINFO_MONTHLY_RECAP] },
};
