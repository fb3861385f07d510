/**
 * The archival workflow's contract: it archives one closed complaint into the chained register
 * (libs/audit/src/archive-register.ts), started by the complaint workflow as it closes.
 */
export const ARCHIVE_WORKFLOW_TYPE = 'archiveComplaintWorkflow';

/** The patch id of the complaint workflow's close hook (histories recorded before it replay without it). */
export const ARCHIVE_ON_CLOSE_PATCH = 'archive-on-close';

/** Workflow id of a complaint's archival: `archive-<complaint workflow id>`. */
export function archiveWorkflowId(complaintWorkflowId: string): string {
  return `archive-${complaintWorkflowId}`;
}

export interface ArchiveWorkflowInput {
  complaintWorkflowId: string;
}

export interface ArchiveWorkflowResult {
  officeCode: string;
  year: number;
  seq: number;
  entryDigest: string;
  documentDigest: string;
}
