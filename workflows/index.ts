// Every workflow the worker runs; the worker's single `workflowsPath` points here.
export { complaintWorkflow } from './complaint/complaint.workflow';
export { recapWorkflow } from './recap/recap.workflow';
export { notificationDispatcherWorkflow } from './notifications/notification-dispatcher.workflow';
export { archiveComplaintWorkflow } from './archive/archive.workflow';
